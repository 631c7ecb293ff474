using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Exchanges;
using EthGov.Application.Exchange.Erasure;
using EthGov.Application.Nodes;
using EthGov.Chain.Deployments;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Exchange;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Erasure;

/// <summary>
/// Sends the holder's erasure notices: each pending notice is signed with this node's key for the holder department and
/// posted to the node the grantee department publishes on chain (through <see cref="NodeClient"/>: SSRF policy, timeout,
/// size cap). It ends only on an answer signed by the grantee department's published key: 200 (its copies are erased) or
/// 404 (it holds no exchange of the record from this holder). Anything else (the node away, a key not visible yet, a 5xx)
/// is retried with growing pauses, forever. Every <see cref="ErasureOptions.CatchUpInterval"/> it also writes the
/// notices of erased records that have none (the retention sweeper's erasures, or an erasure cut short by a crash).
/// </summary>
public sealed class ErasureNoticeWorker(
    ErasureNoticeStore notices,
    HolderNodes nodes,
    NodeClient client,
    IServiceProvider services,
    Deployment deployment,
    IOptions<ErasureOptions> options,
    ILogger<ErasureNoticeWorker> logger) : BackgroundService
{
    private const string ErasuresRoute = "api/v1/node/erasures";
    private const int PerRound = 64;
    private static readonly TimeSpan s_idle = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var lastCatchUp = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = DateTimeOffset.UtcNow;
                if (now - lastCatchUp >= options.Value.CatchUpInterval && services.GetService<Application.Records.RecordStore>() is not null)
                {
                    lastCatchUp = now;
                    int added = await notices.EnqueueAsync(null, stoppingToken);
                    if (added > 0 && logger.IsEnabled(LogLevel.Information))
                    {
                        logger.LogInformation("wrote {Count} erasure notices for erased records that had none", added);
                    }
                }

                var due = notices.Due(now, PerRound);
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken }, async (notice, token) =>
                {
                    try
                    {
                        await SendAsync(notice, token);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogError(ex, "erasure notice {Notice} failed; it is sent again later", notice.Id);
                        Postpone(notice, "the node failed to send the notice");
                    }
                });

                if (due.Count < PerRound)
                {
                    var next = notices.NextDue() is { } at ? at - DateTimeOffset.UtcNow : s_idle;
                    await Task.Delay(next < TimeSpan.Zero ? TimeSpan.Zero : next > s_idle ? s_idle : next, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (System.Data.Common.DbException ex)
            {
                logger.LogError(ex, "the erasure notice worker failed a round; it retries");
                await Task.Delay(s_idle, stoppingToken);
            }
        }
    }

    /// <summary>Sends one notice and records the answer; public so that tests can drive one attempt.</summary>
    public async Task SendAsync(ErasureNoticeRecord notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (services.GetService<NodeKeys>() is not { } keys)
        {
            Postpone(notice, "this node has no node key (EthGov:NodeKey): it cannot sign notices");
            return;
        }

        var grantee = await nodes.GetAsync(notice.Grantee);
        if (!grantee.IsSuccess)
        {
            Postpone(notice, $"the chain could not be read: {grantee.Error.Message}");
            return;
        }

        if (grantee.Value is not { } node || !Uri.TryCreate(node.Url, UriKind.Absolute, out var nodeUrl))
        {
            Postpone(notice, $"department {notice.Grantee} publishes no node on chain");
            return;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new ErasureNotice(notice.RecordId, notice.Holder, notice.Grantee, notice.ErasedAt), s_json);
        var answer = await client.PostAsync(nodeUrl, ErasuresRoute, body,
            url => NodeSignatures.SignRequest("POST", url, body, notice.Holder, deployment.ChainId, deployment.Registry, keys.Signing, DateTimeOffset.UtcNow).Headers(),
            64 * 1024, cancellationToken);
        if (!answer.IsSuccess)
        {
            Postpone(notice, $"the grantee's node: {answer.Detail}");
            return;
        }

        var response = answer.Value;
        using var granteeKey = EcdsaP256Sha256.TryImportPublicKey(node.SigningKey);
        if (NodeSignatures.VerifyResponse(response.SignedParts(), response.Body, notice.Grantee, granteeKey, deployment.ChainId, deployment.Registry, DateTimeOffset.UtcNow) is { } unsigned)
        {
            Postpone(notice, $"the grantee's node answered {response.Status} without department {notice.Grantee}'s signature: {unsigned.Detail}");
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

    private void Postpone(ErasureNoticeRecord notice, string error)
    {
        var attempts = notice.Attempts + 1;
        notices.Postpone(notice.Id, attempts, DateTimeOffset.UtcNow + options.Value.PauseAfter(attempts), error);
    }
}
