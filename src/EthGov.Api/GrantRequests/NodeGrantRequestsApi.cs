using System.Globalization;
using System.Numerics;
using System.Text.Json;
using EthGov.Api.Departments;
using EthGov.Api.Grants;
using EthGov.Api.Indexing;
using EthGov.Api.NodeRoutes;
using EthGov.Api.Problems;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Nodes;
using EthGov.Application.Records;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Core.Exchange;
using EthGov.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EthGov.Api.GrantRequests;

/// <summary>
/// The node-to-node routes of grant requests. They take no API key: the caller is the department whose node key,
/// published on chain now, signed the request (RFC 9421, the release requests' profile: fresh, its nonce used once, bound
/// to this chain and registry), and the message must name that department as its sender. Answers from a department of
/// this node are signed back the same way, so the sender can tell its message was taken.
/// </summary>
public static class NodeGrantRequestsApi
{
    /// <summary>The route.</summary>
    public const string Route = "/api/v1/node/grant-requests";

    /// <summary>The largest message read: a request is at most a few kilobytes.</summary>
    public const int MaxMessageBytes = 16 * 1024;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the two routes.</summary>
    public static IEndpointRouteBuilder MapNodeGrantRequestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).WithTags("Node exchange").AllowAnonymous();
        group.MapPost("/", Receive).WithName("NodeGrantRequest")
            .WithSummary("A department's node hands over a grant request for a department of this node, which joins its queue (signed, RFC 9421)");
        group.MapPost("/outcomes", Outcome).WithName("NodeGrantRequestOutcome")
            .WithSummary("The holder's node tells the requester's node its decision; an approval's grant is read on chain first (signed, RFC 9421)");
        return app;
    }

    /// <summary>Takes a request into the holder's queue (once, however often it is sent).</summary>
    public static async Task<IResult> Receive(
        HttpContext http, GrantRequestStore store, DepartmentDirectory directory, IOptions<GrantRequestOptions> options, CancellationToken cancellationToken)
    {
        var (checks, signer, message, refused) = await ReadAsync<GrantRequestMessage>(http, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var node = checks!.Node;
        if (!await node.Hosts(message!.Holder, cancellationToken))
        {
            return Problem(StatusCodes.Status404NotFound, GrantRequestProblems.WrongNode, "No such department here",
                $"this node does not answer for department {message.Holder}", false, null, node);
        }

        uint holder = message.Holder;
        if (signer != message.Requester)
        {
            return Problem(StatusCodes.Status403Forbidden, GrantRequestProblems.SignerMismatch, "The request is not signed by the department it names",
                $"signed by department {signer}, naming department {message.Requester} as the requester", false, holder, node);
        }

        if (!GrantRequestRules.IsRequestId(message.RequestId))
        {
            return Invalid("requestId: 32 lowercase hex digits", holder, node);
        }

        if (store.Find(message.RequestId!, GrantRequestDirections.Incoming) is { } known)
        {
            return known.Requester == signer
                ? Accepted(StatusCodes.Status200OK, known, holder, node)
                : Invalid("requestId: used before by another department", holder, node);
        }

        if (GrantRequestRules.Check(message.RecordId, message.Kind, message.Purpose, message.ExpiresAt, message.LegalBasis, message.Terms, message.Note) is { } invalid)
        {
            return FromProblem(invalid, holder, node);
        }

        if (message.Requester == holder)
        {
            return Problem(StatusCodes.Status400BadRequest, ProblemTypes.SelfGrant, "A department cannot grant access to itself",
                $"department {holder} asks itself", false, holder, node);
        }

        var limit = options.Value.MaxOpenPerDepartment;
        if (store.CountOpen(GrantRequestDirections.Incoming, holder) >= limit)
        {
            return Problem(StatusCodes.Status429TooManyRequests, GrantRequestProblems.QueueFull, "Too many grant requests wait for a decision",
                $"department {holder} has {limit} grant requests waiting; send again later", true, holder, node);
        }

        var requester = await directory.FindAsync(message.Requester, cancellationToken);
        var holding = await directory.FindAsync(holder, cancellationToken);
        if (!requester.IsSuccess || !holding.IsSuccess || requester.Value is null || holding.Value is null)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ChainUnavailable, "The departments could not be read from the chain",
                "send again later", true, holder, node);
        }

        var by = message.RequestedBy is { Length: > 0 and <= 100 } name ? name : "unknown";
        var (stored, _) = store.Add(new GrantRequest(
            0, message.RequestId!, GrantRequestDirections.Incoming, message.Requester, requester.Value.Code, holder, holding.Value.Code, message.RecordId,
            message.Kind, message.Purpose!.Value, DateTimeOffset.FromUnixTimeSeconds(message.ExpiresAt!.Value.ToUnixTimeSeconds()), message.LegalBasis!,
            message.Terms, message.Note, GrantRequestStates.Pending, $"{requester.Value.Code}: {by}", DateTimeOffset.UtcNow, null, null, null, null, null,
            Notify: false, 0, DateTimeOffset.UnixEpoch, null));
        return Accepted(StatusCodes.Status202Accepted, stored, holder, node);
    }

    /// <summary>Records the holder's decision on an outgoing request, once an approval's grant is seen on chain.</summary>
    public static async Task<IResult> Outcome(
        HttpContext http, GrantRequestStore store, DepartmentDirectory directory, IndexStore index, CancellationToken cancellationToken)
    {
        var (checks, signer, message, refused) = await ReadAsync<GrantOutcomeMessage>(http, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var node = checks!.Node;
        if (!await node.Hosts(message!.Requester, cancellationToken))
        {
            return Problem(StatusCodes.Status404NotFound, GrantRequestProblems.WrongNode, "No such department here",
                $"this node does not answer for department {message.Requester}", false, null, node);
        }

        uint requester = message.Requester;
        if (signer != message.Holder)
        {
            return Problem(StatusCodes.Status403Forbidden, GrantRequestProblems.SignerMismatch, "The decision is not signed by the department it names",
                $"signed by department {signer}, naming department {message.Holder} as the holder", false, requester, node);
        }

        if (message.RequestId is not { } requestId || store.Find(requestId, GrantRequestDirections.Outgoing) is not { } request
            || request.Requester != requester || request.Holder != message.Holder)
        {
            return Problem(StatusCodes.Status404NotFound, GrantRequestProblems.NotFound, "No such grant request",
                $"department {requester} asked department {message.Holder} for no grant request {message.RequestId}", false, requester, node);
        }

        if (message.State is not (GrantRequestStates.Approved or GrantRequestStates.Refused))
        {
            return Invalid("state: approved or refused", requester, node);
        }

        if (request.State is GrantRequestStates.Approved or GrantRequestStates.Refused)
        {
            return request.State == message.State && (request.State == GrantRequestStates.Refused || request.GrantId == message.GrantId)
                ? Accepted(StatusCodes.Status200OK, request, requester, node)
                : Problem(StatusCodes.Status409Conflict, GrantRequestProblems.Decided, "The grant request was already decided",
                    $"grant request {requestId} is {request.State}", false, requester, node);
        }

        if (message.State == GrantRequestStates.Refused)
        {
            if (message.Reason is not { Length: > 0 and <= GrantRequestRules.MaxNoteLength } reason)
            {
                return Invalid($"reason: 1 to {GrantRequestRules.MaxNoteLength} characters", requester, node);
            }

            store.Decided(request.Id, GrantRequestStates.Refused, Name(message.DecidedBy), message.DecidedAt ?? DateTimeOffset.UtcNow, reason, null);
            return Accepted(StatusCodes.Status200OK, store.Get(request.Id)!, requester, node);
        }

        if (!BigInteger.TryParse(message.GrantId, NumberStyles.None, CultureInfo.InvariantCulture, out var grantId) || grantId.Sign <= 0)
        {
            return Invalid("grantId: a grant id, as a decimal string", requester, node);
        }

        // The chain has the last word: the grant must exist and be exactly what was asked, from the holder to this department.
        var grant = await directory.Reader.Grants.GetAsync(grantId);
        if (!grant.IsSuccess && grant.Error.Kind != ChainErrorKind.Reverted)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ChainUnavailable, "The chain could not be read",
                grant.Error.Message, true, requester, node);
        }

        var mismatch = grant.IsSuccess ? Mismatch(grant.Value, request, index) : "it is not on chain";
        if (mismatch is not null)
        {
            return Problem(StatusCodes.Status409Conflict, GrantRequestProblems.GrantNotOnChain, "The chain does not show this grant as the approval",
                $"grant {message.GrantId}: {mismatch}", true, requester, node);
        }

        store.Decided(request.Id, GrantRequestStates.Approved, Name(message.DecidedBy), message.DecidedAt ?? DateTimeOffset.UtcNow, null,
            grantId.ToString(CultureInfo.InvariantCulture));
        return Accepted(StatusCodes.Status200OK, store.Get(request.Id)!, requester, node);
    }

    // What of the grant differs from the request, or null when it is the grant asked for: its parties, record or kind,
    // purpose, expiry and terms as the registry holds them, and its legal-basis digest as its event carried it (the
    // registry keeps no copy), read from this node's index: a grant not indexed yet is refused for now, and the holder retries.
    private static string? Mismatch(GrantInfo grant, GrantRequest request, IndexStore index)
    {
        var (basis, recordId) = request.RecordId is { } record ? (GrantBasis.LegalBasis, record) : (GrantBasis.KindLegalBasis, RecordKind.Id(request.Kind!));
        var terms = GrantsApi.ReadTerms(request.Terms, basis).Terms;
        var legalBasis = GrantRequestRules.LegalBasisDigest(request.LegalBasis);
        return grant.GrantorDepartment != request.Holder ? $"granted by department {grant.GrantorDepartment}, not {request.Holder}"
            : grant.GranteeDepartment != request.Requester ? $"granted to department {grant.GranteeDepartment}, not {request.Requester}"
            : grant.Basis != basis ? $"its basis is {grant.Basis}, not {basis}"
            : grant.RecordId != recordId ? $"it covers {grant.RecordId}, not {recordId}"
            : grant.Purpose != request.Purpose ? $"its purpose is {grant.Purpose}, not {request.Purpose}"
            : grant.ExpiresAt != request.ExpiresAt ? $"it ends at {grant.ExpiresAt:O}, not {request.ExpiresAt:O}"
            : grant.Terms != terms ? $"its terms are {grant.Terms}, not {terms}"
            : index.Grant((long)grant.Id) is not { } indexed
                ? "this node has not read its event yet"
            : indexed.LegalBasis != legalBasis ? $"its legal basis digest is {indexed.LegalBasis}, not {legalBasis}, the digest of the text asked with"
            : null;
    }

    private static string? Name(string? name) => name is { Length: > 0 and <= 100 } ? name : null;

    // The body (bounded), the signature (a key the signer publishes on chain now, a nonce never seen) and the message.
    private static async Task<(ReleaseChecks? Checks, uint Signer, T? Message, IResult? Refused)> ReadAsync<T>(HttpContext http, CancellationToken cancellationToken)
        where T : class
    {
        var services = http.RequestServices;
        if (services.GetService<NodeKeys>() is null || services.GetService<RecordStore>() is null)
        {
            return (null, 0, null, Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, NodeReleasesApi.ExchangeNotConfigured, "This node takes no grant requests",
                GrantRequestTexts.TheNodeNeedsItsNodeKey));
        }

        var checks = services.GetRequiredService<ReleaseChecks>();
        var node = checks.Node;
        var body = await ReadBodyAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return (checks, 0, null, Problems.Problems.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.RequestTooLarge, "The request body is too large",
                GrantRequestTexts.AGrantRequestMessageCarriesAt.With(MaxMessageBytes)));
        }

        if (HttpRequestParts.From(http.Request) is not { } parts)
        {
            return (checks, 0, null, Refusal(new ExchangeRefusal(ExchangeRefusal.InvalidSignature, "the request has no Host or no origin-form target to check a signature over"), node));
        }

        var signed = await checks.CheckSignatureAsync(parts, body, DateTimeOffset.UtcNow);
        if (signed.IsBusy)
        {
            return (checks, 0, null, Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.RateLimited, "Too many node requests in flight", "retry shortly", true, null, node));
        }

        if (!signed.Passed)
        {
            return (checks, 0, null, Refusal(signed.Refusal!, node));
        }

        T? message;
        try
        {
            message = JsonSerializer.Deserialize<T>(body, s_json);
        }
        catch (JsonException ex)
        {
            return (checks, 0, null, Problem(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "The request is not valid", $"the body is not a {typeof(T).Name}: {ex.Message}", false, null, node));
        }

        return message is null
            ? (checks, 0, null, Problem(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "The request is not valid", "the body is empty", false, null, node))
            : (checks, signed.Value.Grantee, message, null);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxMessageBytes)
        {
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > MaxMessageBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static SignedNodeResult Accepted(int status, GrantRequest request, uint department, HolderNode node)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { requestId = request.RequestId, state = request.State }, s_json);
        return new SignedNodeResult(status, "application/json", body,
            NodeSignatures.SignResponse(status, body, department, node.ChainId, node.Registry, node.Keys.Signing, DateTimeOffset.UtcNow), null);
    }

    private static SignedNodeResult Invalid(string detail, uint department, HolderNode node)
        => Problem(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "The request is not valid", detail, false, department, node);

    private static SignedNodeResult FromProblem(ProblemHttpResult problem, uint department, HolderNode node)
    {
        var details = problem.ProblemDetails;
        var slug = details.Type is { } type && type.StartsWith(Problems.Problems.BaseUri, StringComparison.Ordinal) ? type[Problems.Problems.BaseUri.Length..] : ProblemTypes.InvalidRequest;
        return Problem(details.Status ?? StatusCodes.Status400BadRequest, slug, details.Title ?? "The request is not valid", details.Detail, false, department, node);
    }

    private static SignedNodeResult Refusal(ExchangeRefusal refusal, HolderNode node)
        => Problem(refusal.Status, refusal.Reason, refusal.Title, refusal.Detail, refusal.IsRetryable, null, node);

    private static SignedNodeResult Problem(int status, string slug, string title, string? detail, bool retryable, uint? department, HolderNode node)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new NodeProblem(Problems.Problems.BaseUri + slug, title, status, detail, retryable), s_json);
        return new SignedNodeResult(status, "application/problem+json", body,
            department is { } d ? NodeSignatures.SignResponse(status, body, d, node.ChainId, node.Registry, node.Keys.Signing, DateTimeOffset.UtcNow) : null,
            retryable ? 1 : null);
    }
}
