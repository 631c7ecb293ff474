using System.Text.Json;
using EthGov.Api.Nodes;
using EthGov.Api.Problems;
using EthGov.Core.Exchange;
using Microsoft.Extensions.Options;

namespace EthGov.Api.GrantRequests;

/// <summary>
/// Carries grant requests between nodes: a requester's new request to the holder's node, and a holder's decision back to
/// the requester's node. The holder pushes its decision rather than the requester polling for it: the holder knows when
/// there is something to say, one message per decision instead of one poll per waiting request and interval, and the
/// same signed, retried-until-answered delivery serves both directions. Each message is signed with this node's key for
/// the sending department and posted to the node the other department publishes on chain (<see cref="SignedNodePost"/>:
/// address policy, timeout, size cap); it ends only on an answer signed by the other department's published key. Anything
/// else (the node away, a key not visible yet, a 5xx) is retried with growing pauses, forever.
/// </summary>
public sealed class GrantRequestWorker(
    GrantRequestStore store,
    GrantRequestSignal signal,
    GrantRequestApprovals approvals,
    SignedNodePost post,
    IOptions<GrantRequestOptions> options,
    ILogger<GrantRequestWorker> logger) : OutgoingMessageWorker<GrantRequest>(logger)
{
    /// <summary>The holder's route for new requests.</summary>
    public const string RequestsRoute = "api/v1/node/grant-requests";

    /// <summary>The requester's route for decisions.</summary>
    public const string OutcomesRoute = "api/v1/node/grant-requests/outcomes";

    private const int MaxAnswerBytes = 64 * 1024;
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    protected override int PerRound => 32;

    /// <inheritdoc />
    protected override int Parallelism => 4;

    /// <inheritdoc />
    protected override string ItemName => "grant request";

    /// <inheritdoc />
    protected override Task BeforeRoundAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        approvals.SettleStale(PerRound);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<GrantRequest> Due(DateTimeOffset now, int max) => store.Due(now, max);

    /// <inheritdoc />
    protected override Task WaitForWorkAsync(CancellationToken cancellationToken) => signal.WaitAsync(Idle, cancellationToken);

    /// <inheritdoc />
    protected override object IdOf(GrantRequest request) => request.RequestId;

    /// <summary>Sends the message <paramref name="request"/> waits for, once, and records the answer.</summary>
    public override async Task SendAsync(GrantRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool outgoing = request.Direction == GrantRequestDirections.Outgoing;
        uint from = outgoing ? request.Requester : request.Holder;
        uint to = outgoing ? request.Holder : request.Requester;
        byte[] body = outgoing
            ? JsonSerializer.SerializeToUtf8Bytes(new GrantRequestMessage(request.RequestId, request.Requester, request.Holder, request.RecordId, request.Kind,
                request.Purpose, request.ExpiresAt, request.LegalBasis, request.Terms, request.Note, request.RequestedBy), s_json)
            : JsonSerializer.SerializeToUtf8Bytes(new GrantOutcomeMessage(request.RequestId, request.Requester, request.Holder, request.State, request.GrantId,
                request.Reason, request.DecidedBy, request.DecidedAt), s_json);
        var answer = await post.SendAsync(from, to, outgoing ? RequestsRoute : OutcomesRoute, body, MaxAnswerBytes, cancellationToken);
        if (answer.Response is not { } response)
        {
            // Kept as a code, which the workspace shows in each clerk's language; the words behind it go to the log.
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("grant request {Request} waits: {Detail}", request.RequestId, answer.RetryDetail);
            }

            Postpone(request, answer.RetryCode!.ToString());
            return;
        }

        if (response.Status is >= 200 and < 300)
        {
            if (outgoing)
            {
                store.Delivered(request.Id);
            }
            else
            {
                store.Told(request.Id);
            }

            return;
        }

        var problem = ReadProblem(response.Body);
        if (problem.Retryable || response.Status is 429 or >= 500)
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("department {To}'s node answered grant request {Request} with {Status}: {Title} {Detail}; it is sent again",
                    to, request.RequestId, response.Status, problem.Title, problem.Detail);
            }

            Postpone(request, StoredError.Of(StoredErrors.NodeAnswered, ("department", to), ("status", response.Status), ("type", problem.Type)).ToString());
            return;
        }

        if (outgoing)
        {
            // The holder's node will not take it, for good: the request ends refused, kept as a code (the problem's type and
            // English title, said in each clerk's language); the holder's node's detail goes to the log.
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("department {To}'s node refused grant request {Request} for good with {Status}: {Title} {Detail}",
                    to, request.RequestId, response.Status, problem.Title, problem.Detail);
            }

            var title = problem.Title is { Length: > 0 } t ? t[..Math.Min(t.Length, MaxTitleLength)] : "-";
            store.Decided(request.Id, GrantRequestStates.Refused, null, DateTimeOffset.UtcNow,
                StoredError.Of(StoredErrors.NodeRefused, ("department", to), ("status", response.Status), ("type", problem.Type), ("title", title)).ToString(), null);
        }
        else
        {
            // The requester's node has no such request (or disputes it for good): nothing more can be told.
            store.Told(request.Id);
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("department {Requester}'s node refused the outcome of grant request {Request}: {Title} {Detail}",
                    request.Requester, request.RequestId, problem.Title, problem.Detail);
            }
        }
    }

    // The longest title of another node's problem kept in a refusal.
    private const int MaxTitleLength = 120;

    // The problem type is kept as the part after the problem base (another node's own types are named, not described).
    private static (string? Title, string? Detail, bool Retryable, string Type) ReadProblem(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var type = root.TryGetProperty("type", out var y) && y.ValueKind == JsonValueKind.String ? y.GetString()! : string.Empty;
            return (root.TryGetProperty("title", out var t) ? t.GetString() : null,
                root.TryGetProperty("detail", out var d) ? d.GetString() : null,
                root.TryGetProperty("retryable", out var r) && r.ValueKind == JsonValueKind.True,
                type.StartsWith(Problems.Problems.BaseUri, StringComparison.Ordinal) && type.Length <= Problems.Problems.BaseUri.Length + 64 ? type[Problems.Problems.BaseUri.Length..] : "-");
        }
        catch (JsonException)
        {
            return (null, null, false, "-");
        }
    }

    /// <inheritdoc />
    protected override void Postpone(GrantRequest request, string detail)
    {
        var attempts = request.Attempts + 1;
        store.Postpone(request.Id, attempts, DateTimeOffset.UtcNow + options.Value.PauseAfter(attempts), detail);
    }
}
