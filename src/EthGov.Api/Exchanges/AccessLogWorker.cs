using EthGov.Api.ChainState;
using EthGov.Api.Departments;
using EthGov.Api.Replicas;
using EthGov.Api.Signers;
using EthGov.Application.Exchange.Grantee;
using EthGov.Chain.Abi;
using EthGov.Chain.Transactions;
using EthGov.Core.Exchange;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Exchanges;

/// <summary>
/// Logs the grantee's access entries on chain before any request leaves (log first, then release): every
/// <see cref="ExchangeOptions.LogInterval"/>, or as soon as <see cref="ExchangeOptions.LogBatchSize"/> entries wait, the
/// waiting entries of each department become one Merkle tree, stored with its root before it is sent with
/// <c>logAccessBatch</c> by the department's signer (the one <see cref="DepartmentSigners"/> client, as documents are
/// anchored); the confirmation moves every member to logged with its proof. Chain outages are retried with growing
/// pauses, forever; a restart resumes from the stored batches, and a root the chain already holds for this department
/// (sent just before a crash) is adopted rather than sent twice. Of the replicas of a node, only the lease holder does
/// this (<see cref="ReplicaLeadership"/>).
/// </summary>
public sealed class AccessLogWorker(
    ExchangeStore store,
    ExchangeSignal signal,
    DepartmentDirectory departments,
    DepartmentSigners signers,
    ChainStatus chainStatus,
    ReplicaLeadership leadership,
    IOptions<ExchangeOptions> options,
    ILogger<AccessLogWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitForLogAsync(options.Value.LogInterval, stoppingToken);
                if (!leadership.IsLeader)
                {
                    continue;
                }

                FormBatches();
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogError(ex, "the access-log worker failed a round; it retries at the next one");
            }
        }
    }

    private void FormBatches()
    {
        signal.EntriesTaken();
        var max = options.Value.MaxLogBatchEntries;
        var waiting = store.Unbatched(max * 4);
        foreach (var group in waiting.GroupBy(e => e.Department))
        {
            foreach (var chunk in group.Chunk(max))
            {
                var batch = AccessLogBatch.Form([.. chunk.Select(e => e.EntryHash)]);
                store.AddBatch(group.Key, batch, [.. chunk.Select(e => e.Id)]);
            }
        }
    }

    private async Task SendDueAsync(CancellationToken stoppingToken)
    {
        var now = DateTimeOffset.UtcNow;
        // Departments send in parallel; one department's batches go in order, through its one sender.
        await Task.WhenAll(store.PendingBatches().Where(b => b.NextAttemptAt <= now).GroupBy(b => b.Department)
            .Select(async group =>
            {
                foreach (var batch in group)
                {
                    await SendAsync(batch, stoppingToken);
                }
            }));
    }

    private async Task SendAsync(AccessLogBatchRecord batch, CancellationToken stoppingToken)
    {
        if (chainStatus.ResetDetected is { } reset)
        {
            Postpone(batch, ChainStatus.ResetError(reset));
            return;
        }

        var department = await departments.FindAsync(batch.Department, stoppingToken);
        if (!department.IsSuccess)
        {
            Postpone(batch, department.Error);
            return;
        }

        if (department.Value is not { } found || signers.For(found.Code) is not { } client)
        {
            Fail(batch, ExchangeRefusal.GranteeSuspended, $"no signer key is configured here for department {batch.Department}");
            return;
        }

        var sent = await client.Grants.LogAccessBatchAsync(batch.Root, batch.Entries.Count, stoppingToken);
        if (sent.IsSuccess)
        {
            Confirm(batch, sent.Value.TransactionHash, sent.Value.BlockNumber);
            return;
        }

        if (sent.Error.Kind != ChainErrorKind.Reverted)
        {
            Postpone(batch, sent.Error, log: sent.Error.Name != SenderStop.ErrorName);
            return;
        }

        if (sent.Error.Name is "AccessBatchExists" or "RevertedWhenMined")
        {
            // Sent before a crash or a lost answer: the chain has it. Adopted when it is this department's.
            var logged = await client.Grants.GetAccessBatchAsync(batch.Root);
            if (!logged.IsSuccess)
            {
                Postpone(batch, logged.Error);
                return;
            }

            if (logged.Value is { } info && info.Department == batch.Department)
            {
                Confirm(batch, null, info.BlockNumber);
                return;
            }

            if (logged.Value is null)
            {
                Postpone(batch, sent.Error);
                return;
            }
        }

        Fail(batch, sent.Error.Name == "NotActiveSigner" ? ExchangeRefusal.GranteeSuspended : "log-failed", sent.Error.ToString());
    }

    private void Confirm(AccessLogBatchRecord batch, string? transactionHash, ulong block)
    {
        var moved = store.ConfirmBatch(batch, transactionHash, block);
        signal.ExchangesDue();
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("access-log batch {Batch} of {Count} entries logged in block {Block}", batch.Id, moved, block);
        }
    }

    private void Fail(AccessLogBatchRecord batch, string reason, string detail)
    {
        var refused = store.FailBatch(batch.Id, reason, detail);
        if (logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("access-log batch {Batch} was refused ({Detail}); its {Count} exchanges are refused as {Reason}", batch.Id, detail, refused, reason);
        }
    }

    private void Postpone(AccessLogBatchRecord batch, ChainError error, bool log = true)
    {
        var attempts = batch.Attempts + 1;
        var pause = options.Value.PauseAfter(attempts);
        store.PostponeBatch(batch.Id, attempts, error.Message, DateTimeOffset.UtcNow + pause);
        if (log && logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("access-log batch {Batch} not logged ({Error}); attempt {Attempt}, next in {Delay}", batch.Id, error.Message, attempts, pause);
        }
    }
}
