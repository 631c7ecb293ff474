namespace EthGov.Api.Paging;

/// <summary>How the paging parameters of every list are described in the OpenAPI document.</summary>
internal static class Descriptions
{
    /// <summary>The <c>cursor</c> query parameter.</summary>
    public const string Cursor = "Where the page starts: the cursor of the previous page's next link, passed unchanged (it is opaque); none for the first page.";

    /// <summary>The <c>pageSize</c> query parameter.</summary>
    public const string PageSize = "Items per page: 50 when absent, at most 500 (proposals: 100).";
}
