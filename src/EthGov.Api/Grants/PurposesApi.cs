using EthGov.Api.Codes;
using EthGov.Core.Purposes;

namespace EthGov.Api.Grants;

/// <summary>Open to anyone: the published list of purposes, the codes grants carry on chain.</summary>
public static class PurposesApi
{
    /// <summary>Where the list is served, named in the problem a client gets for a purpose not on it.</summary>
    public const string ListPath = "/api/v1/purposes";

    /// <summary>Maps /api/v1/purposes.</summary>
    public static IEndpointRouteBuilder MapPurposesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ListPath, List).WithTags("Grants").WithName("ListPurposes")
            .WithSummary("The published purposes of grants: number, name, and title and description in each language (en, zh-CN)");
        return app;
    }

    /// <summary>Every listed purpose, by number.</summary>
    public static IReadOnlyList<PublishedCodeResponse> List() => PublishedCodeResponse.ListOf(GrantPurposes.All);
}
