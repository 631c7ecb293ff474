using EthGov.Api.Problems;

namespace EthGov.Api.Paging;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class PagingTexts
{
    /// <summary>pageSize: 1 to {0} items per page</summary>
    public static readonly ProblemTemplate<object?> PageSize1ToItemsPerPage = new(
        "pageSize: 1 to {0} items per page",
        "pageSize：每页 1 至 {0} 项");

    /// <summary>cursor: pass the cursor of a next link of this list unchanged, or none for the first page</summary>
    public static readonly ProblemSentence CursorPassTheCursorOfA = new(
        "cursor: pass the cursor of a next link of this list unchanged, or none for the first page",
        "cursor：请原样传回本列表 next 链接中的游标，第一页不传");
}
