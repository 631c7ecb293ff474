using System.Diagnostics.Metrics;
using System.Diagnostics;
using EthGov.Api.ChainState;
using EthGov.Api.Departments;
using EthGov.Api.Problems;
using EthGov.Api.Receipts;
using EthGov.Api.Replicas;
using EthGov.Api.Signers;
using EthGov.Application.Anchoring;
using EthGov.Chain.Abi;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Telemetry;
using EthGov.Core.Verification;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Outbox;

/// <summary>
/// Moves committed documents to the chain: every <see cref="OutboxOptions.BatchInterval"/> (or as soon as
/// <see cref="OutboxOptions.BatchSize"/> documents wait) it groups them per department and validity into
/// Merkle batches, stores each batch before sending it, sends <c>anchorBatch</c> (or <c>anchor</c> for a
/// lone document) with the department's signer, and records the confirmation. Chain outages are retried with
/// growing pauses; a restart resumes from the stored batches, and a batch the department's namespace already holds
/// (sent just before a crash, or anchored by the department's CLI) is adopted from its event instead of failing. Of the
/// replicas of a node on one PostgreSQL database, only the holder of the lease forms and sends batches
/// (<see cref="ReplicaLeadership"/>).
/// </summary>
public sealed class AnchorBatcher(
    PendingDocuments pending,
    BatchStore batches,
    DocumentIndex index,
    DepartmentDirectory departments,
    DepartmentSigners signers,
    AnchorLookup lookup,
    ReceiptService receipts,
    EthGov.Api.ChainState.ChainStatus chainStatus,
    BatchTraces traces,
    ReplicaLeadership leadership,
    IOptions<OutboxOptions> options,
    ILogger<AnchorBatcher> logger) : BackgroundService
{
    private static readonly Histogram<int> s_batchSize = EthGovTelemetry.Meter.CreateHistogram(
        "ethgov.batch.size", "{document}", "Documents in each batch formed",
        tags: null, new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000] });

    private static readonly Counter<long> s_anchored = EthGovTelemetry.Meter.CreateCounter<long>(
        "ethgov.documents.anchored", "{document}", "Documents whose batch the chain confirmed (sent by this node, or found anchored by its department)");

    private static readonly Histogram<double> s_latency = EthGovTelemetry.SecondsHistogram(
        "ethgov.documents.anchor.latency", "Time from a document's acceptance to the confirmation of its batch, one sample per document");

    private readonly Dictionary<long, Task> _inFlight = [];
    private readonly BatchAcceptance _acceptance = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pending.WaitAsync(options.Value.BatchInterval, stoppingToken);
                if (!leadership.IsLeader)
                {
                    // Once an interval, full queue or not: the queue of a replica that does not batch only grows until the
                    // lease holder's batches are read, and trimming it at every wake-up took a core under load.
                    KeepUnbatched();
                    await UntilLeaderOrAsync(options.Value.BatchInterval, stoppingToken);
                    continue;
                }

                FormBatches();
                SubmitDue(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogError(ex, "the batcher failed a round; it retries at the next one");
            }
        }

        Task[] running;
        lock (_inFlight)
        {
            running = [.. _inFlight.Values];
        }

        try
        {
            // Sends log their own failures; only a send still waiting for the chain is left behind.
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("{Count} batch sends were still waiting for the chain at shutdown; their batches stay pending and are resumed at the next start", running.Count(t => !t.IsCompleted));
            }
        }
    }

    private void FormBatches()
    {
        var startedAt = DateTimeOffset.UtcNow;
        var origins = BatchTraces.IsTracing ? new List<(int Start, int End, ActivityContext Origin)>() : null;
        var waiting = pending.TakeAll(origins);
        if (waiting.Count == 0)
        {
            return;
        }

        var entries = new DocumentEntry[waiting.Count];
        index.CopyEntries(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(waiting), entries);

        // One department's documents with one validity share a batch; a supersession's new digest already has its own.
        var groups = new Dictionary<(uint DepartmentId, ulong ValidUntil), List<int>>();
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].BatchId != 0)
            {
                continue;
            }

            var key = (entries[i].DepartmentId, entries[i].ValidUntil);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
            }

            group.Add(i);
        }

        var formed = new List<(uint, ulong, Digest, Digest[])>();
        var records = new List<int[]>();
        var positions = new List<int[]>();
        var trees = new List<MerkleTree?>();
        var acceptance = new List<AcceptedRun[]>();
        foreach (var ((departmentId, validUntil), group) in groups)
        {
            foreach (var chunk in BatchPlanner.Plan(group, options.Value.MaxBatchSize))
            {
                var members = new Digest[chunk.Length];
                var chunkRecords = new int[chunk.Length];
                for (int i = 0; i < chunk.Length; i++)
                {
                    members[i] = entries[chunk[i]].Digest;
                    chunkRecords[i] = waiting[chunk[i]];
                }

                var batch = AnchorBatch.Form(members);
                formed.Add((departmentId, validUntil, batch.Root, members));
                records.Add(chunkRecords);
                positions.Add(chunk);
                trees.Add(batch.Tree);
                acceptance.Add(BatchAcceptance.RunsOf(entries, chunk));
            }
        }

        IReadOnlyList<BatchRecord> added;
        try
        {
            added = batches.Add(formed, DateTimeOffset.UtcNow);
        }
        catch
        {
            // Not stored: the documents stay pending for the next round.
            pending.Add(waiting.ToArray());
            throw;
        }

        for (int i = 0; i < added.Count; i++)
        {
            s_batchSize.Record(added[i].Members.Length);
            _acceptance.Formed(added[i].Id, acceptance[i]);
            if (origins is not null)
            {
                traces.Formed(added[i], startedAt, BatchTraces.LinksOf(positions[i], origins));
            }

            if (trees[i] is { } tree)
            {
                // Receipts and verifications of the batch's documents follow soon: build its tree once, here.
                receipts.Remember(added[i], tree);
            }

            index.AssignBatch(records[i], added[i].Id);
        }
    }

    // Waits out the interval, but ends within 100 ms of this replica taking the lease, so a takeover batches at once.
    private async Task UntilLeaderOrAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        var step = TimeSpan.FromMilliseconds(Math.Min(100, interval.TotalMilliseconds));
        for (var waited = TimeSpan.Zero; waited < interval && !leadership.IsLeader; waited += step)
        {
            await Task.Delay(step, stoppingToken);
        }
    }

    // Another replica holds the lease and batches; the documents it batched leave the queue, the others wait in it.
    private void KeepUnbatched()
    {
        var waiting = pending.TakeAll();
        index.RemoveBatched(waiting);
        pending.Add(waiting.ToArray());
    }

    private void SubmitDue(CancellationToken stoppingToken)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var listed in batches.Unsettled())
        {
            lock (_inFlight)
            {
                // The list is a snapshot: a send that finished since then has stored the batch's new state before
                // leaving _inFlight, so re-read it, or a confirmed batch is sent again and marked failed.
                if (_inFlight.ContainsKey(listed.Id) || batches.Get(listed.Id) is not { State: BatchState.Pending } batch || batch.NextAttemptAt > now)
                {
                    continue;
                }

                // Sends run concurrently; the department's sender hands out nonces in order.
                _inFlight[batch.Id] = SubmitLoggedAsync(batch, stoppingToken);
            }
        }
    }

    // Every send ends here: a failure that escapes SubmitAsync (the database refusing the batch's new state, or a bug) is
    // logged, and the batch, still pending, is sent again at a later round.
    private async Task SubmitLoggedAsync(BatchRecord batch, CancellationToken stoppingToken)
    {
        // Off the batcher's loop (which holds the _inFlight lock until this task is registered).
        await Task.Yield();
        using var span = traces.StartAnchor(batch);
        try
        {
            await SubmitAsync(batch, span, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the batch stays pending and is resumed at the next start.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "sending batch {Batch} of {Count} documents failed; it is sent again at a later round", batch.Id, batch.Members.Length);
        }
        finally
        {
            lock (_inFlight)
            {
                _inFlight.Remove(batch.Id);
            }
        }
    }

    private async Task SubmitAsync(BatchRecord batch, Activity? span, CancellationToken stoppingToken)
    {
        if (chainStatus.ResetDetected is { } reset)
        {
            // On a wiped chain the registry address may hold no code, and a call to it "succeeds": never send there.
            Retry(batch, EthGov.Api.ChainState.ChainStatus.ResetError(reset), span);
            return;
        }

        var department = await departments.FindAsync(batch.DepartmentId, stoppingToken);
        if (!department.IsSuccess)
        {
            Retry(batch, department.Error, span);
            return;
        }

        var client = department.Value is { } d ? signers.For(d.Code) : null;
        if (client is null)
        {
            Fail(batch, StoredError.Of(StoredErrors.NoSignerKey, ("department", batch.DepartmentId)), span);
            return;
        }

        if (client.Context.SenderStopped is { } stop)
        {
            // The sender said so once, and readiness says so; the batch waits for a restart without a line per attempt.
            Retry(batch, stop.ToError(), span, log: false);
            return;
        }

        var validUntil = ChainTime.FromSecondsOrNone(batch.ValidUntil);
        var sent = await AnchorBatch.SendAsync(client.Documents, batch.Root, batch.Members.Length, validUntil, stoppingToken);
        if (sent.IsSuccess)
        {
            Confirm(batch, sent.Value, span);
            return;
        }

        if (sent.Error.Kind != ChainErrorKind.Reverted)
        {
            Retry(batch, sent.Error, span, log: sent.Error.Name != SenderStop.ErrorName);
            return;
        }

        if (sent.Error.Name is "AlreadyAnchored" or "RevertedWhenMined")
        {
            // The department's namespace already holds the root or digest: sent before a crash or a lost answer, or
            // anchored by another tool of the same department (the CLI). Another department's anchoring never
            // causes this in registry 2.0, so the anchoring found is this department's own, and is adopted.
            var found = await lookup.FindAsync(batch);
            if (!found.IsSuccess)
            {
                Retry(batch, found.Error, span);
                return;
            }

            if (found.Value is { } anchored)
            {
                // The chain's validity is the one the receipts must state, whatever this batch asked for.
                Confirm(batch with { ValidUntil = anchored.ValidUntil }, anchored.Outcome, span);
                return;
            }

            // Not found yet (the node has not indexed the log, or a mined transaction reverted for a passing reason):
            // never a reason to give the documents up.
            Retry(batch, sent.Error, span);
            return;
        }

        Fail(batch, StoredError.Of(sent.Error), span);
    }

    private void Confirm(BatchRecord batch, TransactionOutcome outcome, Activity? span)
    {
        var confirmed = batch with
        {
            State = BatchState.Confirmed,
            Attempts = batch.Attempts + 1,
            Error = null,
            TransactionHash = outcome.TransactionHash,
            BlockNumber = outcome.BlockNumber,
            BlockHash = outcome.BlockHash,
            BlockTime = outcome.BlockTime,
        };
        batches.Update(confirmed);
        s_anchored.Add(batch.Members.Length);
        RecordLatencies(batch, DateTimeOffset.UtcNow);
        traces.Forget(batch.Id);
        span?.SetTag("ethgov.transaction.hash", outcome.TransactionHash);
        span?.SetTag("ethgov.block.number", outcome.BlockNumber);
        span?.SetTag("ethgov.transaction.gas", outcome.GasUsed);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("batch {Batch} of {Count} documents anchored in block {Block}", batch.Id, batch.Members.Length, outcome.BlockNumber);
        }
    }

    // The batch keeps the failure as a code, which each answer renders in its caller's language; the log says it in English.
    private void Fail(BatchRecord batch, StoredError error, Activity? span)
    {
        var failed = batch with { State = BatchState.Failed, Attempts = batch.Attempts + 1, Error = error.ToString() };
        var reason = StoredErrors.Render(failed.Error).English;
        batches.Update(failed);
        traces.Forget(batch.Id);
        _acceptance.Forget(batch.Id);
        span?.SetStatus(ActivityStatusCode.Error, reason);
        if (logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("batch {Batch} of {Count} documents was refused: {Reason}", batch.Id, batch.Members.Length, reason);
        }
    }

    private void Retry(BatchRecord batch, ChainError error, Activity? span, bool log = true)
    {
        span?.SetStatus(ActivityStatusCode.Error, error.Name);
        var attempts = batch.Attempts + 1;
        var delay = TimeSpan.FromTicks(Math.Min(
            options.Value.MaxRetryDelay.Ticks,
            options.Value.RetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
        var retried = batch with { Attempts = attempts, Error = StoredError.Of(error).ToString(), NextAttemptAt = DateTimeOffset.UtcNow + delay };
        batches.Update(retried);
        if (log && logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("batch {Batch} not sent ({Error}); attempt {Attempt}, next in {Delay}", batch.Id, error.Message, attempts, delay);
        }
    }

    // One sample per document: documents of one request share an acceptance time, but a batch mixes requests. A batch
    // formed here has its acceptance times at hand; one formed before a restart, or by another replica, is looked up.
    private void RecordLatencies(BatchRecord batch, DateTimeOffset confirmedAt)
    {
        bool formedHere = _acceptance.TryTake(batch.Id, out var runs);
        if (!s_latency.Enabled)
        {
            return;
        }

        if (formedHere)
        {
            foreach (var run in runs)
            {
                double seconds = (confirmedAt - run.At).TotalSeconds;
                for (int i = 0; i < run.Count; i++)
                {
                    s_latency.Record(seconds);
                }
            }

            return;
        }

        foreach (var member in batch.Members)
        {
            if (index.TryGet(member, out var entry))
            {
                s_latency.Record((confirmedAt - entry.AcceptedAt).TotalSeconds);
            }
        }
    }
}
