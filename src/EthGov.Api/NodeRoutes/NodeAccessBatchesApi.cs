using EthGov.Api.Problems;
using EthGov.Application.Exchange.Grantee;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EthGov.Api.NodeRoutes;

/// <summary>
/// The grantee's node shows the entries under an access-log root it logged on chain, so that a holder's node can tell a
/// citizen whether every access under that root is accounted for (the chain counts them, the root commits to them). An
/// entry is the hash of an access entry (chain, registry, grant, record or kind, holder, grantee, a random request id, a
/// query's digest): no personal data, and no record can be read from it without the request id. Open to anyone, as the
/// root and its count are on chain already.
/// </summary>
public static class NodeAccessBatchesApi
{
    /// <summary>Maps GET /api/v1/node/access-batches/{root}.</summary>
    public static IEndpointRouteBuilder MapNodeAccessBatchesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/node/access-batches/{root}", Get).WithTags("Node exchange").WithName("NodeAccessBatch").AllowAnonymous()
            .WithSummary("The entry hashes under an access-log root this node logged and the chain confirmed, in leaf order");
        return app;
    }

    /// <summary>The root's entries, or 404 when this node logged no such root.</summary>
    public static Results<Ok<AccessBatchEntriesResponse>, ProblemHttpResult> Get(string root, [FromServices] ExchangeStore? exchanges)
    {
        if (!Digest.TryParse(root, out var parsed, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("root", DigestReason.Of(error)));
        }

        return exchanges?.ConfirmedBatch(parsed) is { } batch
            ? TypedResults.Ok(new AccessBatchEntriesResponse(batch.Root, batch.Department, batch.Entries))
            : Problems.Problems.Create(StatusCodes.Status404NotFound, "not-found", "No such access-log root", NodeRouteTexts.ThisNodeLoggedNoConfirmedAccess.With(parsed));
    }
}

/// <summary>The entries under an access-log root.</summary>
/// <param name="Root">The root.</param>
/// <param name="Department">The department that logged it.</param>
/// <param name="Entries">The entry hashes, in leaf order.</param>
public sealed record AccessBatchEntriesResponse(Digest Root, uint Department, IReadOnlyList<Digest> Entries);
