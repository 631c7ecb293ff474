using EthGov.Api.Codes;
using EthGov.Core.Revocations;

namespace EthGov.Api.Documents;

/// <summary>Open to anyone: the published list of revocation reasons, the codes revocations carry on chain.</summary>
public static class RevocationReasonsApi
{
    /// <summary>Maps /api/v1/revocation-reasons.</summary>
    public static IEndpointRouteBuilder MapRevocationReasonsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/revocation-reasons", List).WithTags("Documents").WithName("ListRevocationReasons")
            .WithSummary("The published revocation reasons: number, name, and title and description in each language (en, zh-CN)");
        return app;
    }

    /// <summary>Every listed reason, by number.</summary>
    public static IReadOnlyList<PublishedCodeResponse> List() => PublishedCodeResponse.ListOf(RevocationReasons.All);
}
