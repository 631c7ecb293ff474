using System.Text.Json;
using EthGov.Api.Nodes;
using EthGov.Application.Exchange.Erasure;
using EthGov.Core.Exchange;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Erasure;

/// <summary>
/// Sends the holder's erasure notices: each pending notice is signed with this node's key for the holder department and
/// posted to the node the grantee department publishes on chain (<see cref="SignedNodePost"/>). It ends only on an answer signed by the grantee department's published key: 200 (its copies are erased) or
/// 404 (it holds no exchange of the record from this holder). Anything else (the node away, a key not visible yet, a 5xx)
/// is retried with growing pauses, forever. Every <see cref="ErasureOptions.CatchUpInterval"/> it also writes the
/// notices of erased records that have none (the retention sweeper's erasures, or an erasure cut short by a crash).
/// </summary>
public sealed class ErasureNoticeWorker(
    ErasureNoticeStore notices,
    SignedNodePost post,
    IServiceProvider services,
    IOptions<ErasureOptions> options,
    ILogger<ErasureNoticeWorker> logger) : OutgoingMessageWorker<ErasureNoticeRecord>(logger)
{
    private const string ErasuresRoute = "api/v1/node/erasures";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private DateTimeOffset _lastCatchUp = DateTimeOffset.MinValue;

    /// <inheritdoc />
    protected override int PerRound => 64;

    /// <inheritdoc />
    protected override int Parallelism => 8;

    /// <inheritdoc />
    protected override string ItemName => "erasure notice";

    /// <inheritdoc />
    protected override async Task BeforeRoundAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - _lastCatchUp < options.Value.CatchUpInterval || services.GetService<Application.Records.RecordStore>() is null)
        {
            return;
        }

        _lastCatchUp = now;
        int added = await notices.EnqueueAsync(null, cancellationToken);
        if (added > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("wrote {Count} erasure notices for erased records that had none", added);
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ErasureNoticeRecord> Due(DateTimeOffset now, int max) => notices.Due(now, max);

    /// <inheritdoc />
    protected override Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        var next = notices.NextDue() is { } at ? at - DateTimeOffset.UtcNow : Idle;
        return Task.Delay(next < TimeSpan.Zero ? TimeSpan.Zero : next > Idle ? Idle : next, cancellationToken);
    }

    /// <inheritdoc />
    protected override object IdOf(ErasureNoticeRecord notice) => notice.Id;

    /// <summary>Sends one notice and records the answer; public so that tests can drive one attempt.</summary>
    public override async Task SendAsync(ErasureNoticeRecord notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErasureNotice(notice.RecordId, notice.Holder, notice.Grantee, notice.ErasedAt), s_json);
        var answer = await post.SendAsync(notice.Holder, notice.Grantee, ErasuresRoute, body, 64 * 1024, cancellationToken);
        if (answer.Response is not { } response)
        {
            Postpone(notice, answer.RetryDetail!);
            return;
        }

        if (response.Status == StatusCodes.Status404NotFound)
        {
            notices.Answer(notice.Id, ErasureNoticeState.NothingHeld, null);
            return;
        }

        ErasureAcknowledgement? acknowledgement = null;
        if (response.Status == StatusCodes.Status200OK)
        {
            try
            {
                acknowledgement = JsonSerializer.Deserialize<ErasureAcknowledgement>(response.Body, s_json);
            }
            catch (JsonException)
            {
            }
        }

        if (acknowledgement is null || acknowledgement.RecordId != notice.RecordId || acknowledgement.Holder != notice.Holder || acknowledgement.Grantee != notice.Grantee)
        {
            Postpone(notice, $"the grantee's node answered {response.Status}, not the acknowledgement of this notice");
            return;
        }

        if (notices.Answer(notice.Id, ErasureNoticeState.Acknowledged, acknowledgement.ErasedAt) && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("department {Grantee} erased its copies of {Record} ({Count} exchanges)", notice.Grantee, notice.RecordId, acknowledgement.RequestIds.Count);
        }
    }

    /// <inheritdoc />
    protected override void Postpone(ErasureNoticeRecord notice, string detail)
    {
        var attempts = notice.Attempts + 1;
        notices.Postpone(notice.Id, attempts, DateTimeOffset.UtcNow + options.Value.PauseAfter(attempts), detail);
    }
}
