using System.Text.Json;
using EthGov.Api.Problems;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Nodes;
using EthGov.Application.Records;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using Microsoft.Extensions.Options;

namespace EthGov.Api.NodeRoutes;

/// <summary>
/// The holder's node-to-node routes. They take no API key: the caller is authenticated by its RFC 9421 signature with
/// the node key its department publishes on chain, and nothing else; every answer that a department of this node gives
/// is signed back the same way. Refusals are RFC 7807 problems whose type ends in the protocol's reason.
/// </summary>
public static class NodeReleasesApi
{
    /// <summary>503: the node has no node key or no record store, so it releases nothing.</summary>
    public const string ExchangeNotConfigured = "exchange-not-configured";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps /api/v1/node/releases.</summary>
    public static IEndpointRouteBuilder MapNodeReleasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/node/releases").WithTags("Node exchange").AllowAnonymous();
        group.MapPost("/", Release).WithName("NodeRelease")
            .WithSummary("A grantee node asks for a record (or a kind query) under a grant, showing its on-chain access log (signed, RFC 9421)");
        group.MapPost("/receipts", Receipts).WithName("NodeReleaseReceipts")
            .WithSummary("The grantee node acknowledges, under one signature, releases of one holder department it opened and checked (signed, RFC 9421)");
        return app;
    }

    /// <summary>Releases a record, sealed to the grantee, once every check passed and the release is journaled.</summary>
    public static async Task<IResult> Release(HttpContext http, IOptions<ExchangeOptions> options, CancellationToken cancellationToken)
    {
        if (Service(http) is not { } service)
        {
            return NotConfigured();
        }

        var read = await ReadAsync(http, options.Value.MaxRequestBytes, service, cancellationToken);
        return read.Refused ?? Answer(await service.ReleaseAsync(read.Message!, read.Body!, cancellationToken), service, http);
    }

    /// <summary>Records the grantee's receipts of releases, each answered on its own.</summary>
    public static async Task<IResult> Receipts(HttpContext http, IOptions<ExchangeOptions> options, CancellationToken cancellationToken)
    {
        if (Service(http) is not { } service)
        {
            return NotConfigured();
        }

        var read = await ReadAsync(http, options.Value.MaxRequestBytes, service, cancellationToken);
        return read.Refused ?? Answer(await service.AcknowledgeAsync(read.Message!, read.Body!, cancellationToken), service, http);
    }

    private static ReleaseService? Service(HttpContext http)
        => http.RequestServices.GetService<NodeKeys>() is not null && http.RequestServices.GetService<RecordStore>() is not null
            ? http.RequestServices.GetRequiredService<ReleaseService>()
            : null;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotConfigured()
        => Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, ExchangeNotConfigured, "This node releases no records",
            NodeRouteTexts.TheNodeNeedsItsNodeKey);

    // The body, read up to the limit whatever the request declares, and the message parts its signature covers.
    private static async Task<(HttpMessageParts? Message, byte[]? Body, IResult? Refused)> ReadAsync(
        HttpContext http, int maxBytes, ReleaseService service, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.ContentLength > maxBytes)
        {
            return (null, null, TooLarge(maxBytes));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                return (null, null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, n);
        }

        var parts = HttpRequestParts.From(request);
        return parts is null
            ? (null, null, Answer(HolderAnswer.Refused(new ExchangeRefusal(ExchangeRefusal.InvalidSignature, "the request has no Host or no origin-form target to check a signature over")), service, http))
            : (parts, buffer.ToArray(), null);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(int maxBytes)
        => Problems.Problems.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.RequestTooLarge, "The request body is too large",
            NodeRouteTexts.ANodeRequestCarriesAtMost.With(maxBytes));

    private static SignedNodeResult Answer(HolderAnswer answer, ReleaseService service, HttpContext http)
    {
        var node = service.Node;
        return answer.Kind switch
        {
            HolderAnswerKind.Released => Signed(StatusCodes.Status200OK, "application/json", JsonSerializer.SerializeToUtf8Bytes(answer.Release!.ToRelease(), s_json), answer.Holder, node, null),
            HolderAnswerKind.Acknowledged => Signed(StatusCodes.Status200OK, "application/json", JsonSerializer.SerializeToUtf8Bytes(answer.Receipts!, s_json), answer.Holder, node, null),
            HolderAnswerKind.Refused => Problem(answer.Refusal!.Status, answer.Refusal.Reason, answer.Refusal.Title, answer.Refusal.Detail, answer.Refusal.IsRetryable, answer.Holder, node),
            HolderAnswerKind.Busy => Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.RateLimited, "Too many node requests in flight", answer.Detail, true, null, node),
            _ => Problem(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "The request is not valid", answer.Detail, false, null, node),
        };
    }

    private static SignedNodeResult Problem(int status, string slug, string title, string? detail, bool retryable, uint? holder, HolderNode node)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new NodeProblem(Problems.Problems.BaseUri + slug, title, status, detail, retryable), s_json);
        return Signed(status, "application/problem+json", body, holder, node, retryable ? 1 : null);
    }

    private static SignedNodeResult Signed(int status, string contentType, byte[] body, uint? holder, HolderNode node, int? retryAfter)
        => new(status, contentType, body,
            holder is { } department ? NodeSignatures.SignResponse(status, body, department, node.ChainId, node.Registry, node.Keys.Signing, DateTimeOffset.UtcNow) : null,
            retryAfter);
}
