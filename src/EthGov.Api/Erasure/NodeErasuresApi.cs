using System.Text.Json;
using EthGov.Api.NodeRoutes;
using EthGov.Api.Problems;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Nodes;
using EthGov.Application.Records;
using EthGov.Core.Exchange;

namespace EthGov.Api.Erasure;

/// <summary>
/// The grantee's node-to-node route for erasure: a holder's node tells it that the holder erased a record it released,
/// signed (RFC 9421) with the node key the holder department publishes on chain, as release requests are. The grantee
/// erases its copies from the exchanges with that holder (<see cref="GranteeErasure"/>) and answers signed by the grantee
/// department's node key, which the holder takes as the acknowledgement.
/// </summary>
public static class NodeErasuresApi
{
    /// <summary>The route.</summary>
    public const string Route = "/api/v1/node/erasures";

    /// <summary>The largest notice read: a notice is a few hundred bytes.</summary>
    public const int MaxNoticeBytes = 16 * 1024;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps POST /api/v1/node/erasures.</summary>
    public static IEndpointRouteBuilder MapNodeErasuresApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, Notice).WithTags("Node exchange").AllowAnonymous().WithName("NodeErasure")
            .WithSummary("A holder node says it erased a record it released: the grantee erases its copies, keeping digests (signed, RFC 9421)");
        return app;
    }

    /// <summary>Checks the holder's signature and erases the grantee's copies.</summary>
    public static async Task<IResult> Notice(HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        if (services.GetService<NodeKeys>() is null || services.GetService<RecordStore>() is null)
        {
            return Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, NodeReleasesApi.ExchangeNotConfigured, "This node keeps no exchanged records",
                ErasureTexts.TheNodeNeedsItsNodeKey);
        }

        var checks = services.GetRequiredService<ReleaseChecks>();
        var node = checks.Node;
        var body = await ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return Problems.Problems.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.RequestTooLarge, "The request body is too large",
                ErasureTexts.AnErasureNoticeCarriesAtMost.With(MaxNoticeBytes));
        }

        if (HttpRequestParts.From(http.Request) is not { } parts)
        {
            return Refused(new ExchangeRefusal(ExchangeRefusal.InvalidSignature, "the request has no Host or no origin-form target to check a signature over"), null, node);
        }

        var signed = await checks.CheckSignatureAsync(parts, body, DateTimeOffset.UtcNow);
        if (signed.IsBusy)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.RateLimited, "Too many node requests in flight", "retry shortly", true, null, node);
        }

        if (!signed.Passed)
        {
            return Refused(signed.Refusal!, null, node);
        }

        var signer = signed.Value.Grantee;
        ErasureNotice? notice;
        try
        {
            notice = JsonSerializer.Deserialize<ErasureNotice>(body, s_json);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "The request is not valid", $"the body is not an erasure notice: {ex.Message}", false, null, node);
        }

        if (notice is null || notice.RecordId.IsZero)
        {
            return Problem(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "The request is not valid", "the notice names no record", false, null, node);
        }

        // Only a department this node answers for signs; for any other the notice reached the wrong node.
        uint? grantee = await node.Hosts(notice.Grantee, cancellationToken) ? notice.Grantee : null;
        if (grantee is null)
        {
            return Problem(StatusCodes.Status404NotFound, ProblemTypes.ExchangeNotFound, "No such grantee here", $"this node does not answer for department {notice.Grantee}", false, null, node);
        }

        var outcome = await services.GetRequiredService<GranteeErasure>().ApplyAsync(notice, signer, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return Refused(refusal, grantee, node);
        }

        if (outcome.IsNothingHeld)
        {
            return Problem(StatusCodes.Status404NotFound, ProblemTypes.ExchangeNotFound, "No exchange of the record from this holder",
                $"department {notice.Grantee} has no exchange of {notice.RecordId} from department {signer}", false, grantee, node);
        }

        var erased = outcome.Erasure!;
        var answer = JsonSerializer.SerializeToUtf8Bytes(
            new ErasureAcknowledgement(erased.RecordId, erased.Holder, erased.Grantee, erased.RequestIds, erased.ErasedAt), s_json);
        return new SignedNodeResult(StatusCodes.Status200OK, "application/json", answer,
            NodeSignatures.SignResponse(StatusCodes.Status200OK, answer, notice.Grantee, node.ChainId, node.Registry, node.Keys.Signing, DateTimeOffset.UtcNow), null);
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxNoticeBytes)
        {
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > MaxNoticeBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static SignedNodeResult Refused(ExchangeRefusal refusal, uint? grantee, HolderNode node)
        => Problem(refusal.Status, refusal.Reason, refusal.Title, refusal.Detail, refusal.IsRetryable, grantee, node);

    private static SignedNodeResult Problem(int status, string slug, string title, string? detail, bool retryable, uint? grantee, HolderNode node)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new NodeProblem(Problems.Problems.BaseUri + slug, title, status, detail, retryable), s_json);
        return new SignedNodeResult(status, "application/problem+json", body,
            grantee is { } department ? NodeSignatures.SignResponse(status, body, department, node.ChainId, node.Registry, node.Keys.Signing, DateTimeOffset.UtcNow) : null,
            retryable ? 1 : null);
    }
}
