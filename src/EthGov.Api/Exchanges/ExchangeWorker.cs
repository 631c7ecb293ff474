using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using EthGov.Api.Departments;
using EthGov.Api.Problems;
using EthGov.Api.Signers;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Nodes;
using EthGov.Application.Records;
using EthGov.Application.Verification;
using EthGov.Chain.Deployments;
using EthGov.Core.Crypto;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Verification;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Exchanges;

/// <summary>
/// Takes every logged exchange to the holder's node and back: signs the release request with this node's key, sends it
/// to the URL the holder department publishes on chain (through <see cref="NodeClient"/>: SSRF policy, timeout, size cap),
/// reads the answer with <see cref="ReleaseOpener"/>, checks that the chain confirms the holder's anchor of each record,
/// writes the evidence file, keeps the content (<see cref="RecordStore"/>, origin received) and marks the exchange verified
/// in one commit, and only then acknowledges the release with a signed receipt. Each step is committed before the next,
/// so a node killed anywhere resumes with the same request id and the same log: before the receipt the holder answers the
/// same journaled release again; after it, nothing is asked again. Passing failures (the holder's node away, <c>log-not-confirmed</c>,
/// <c>chain-unavailable</c>, 5xx) are retried with growing pauses, forever.
/// </summary>
public sealed class ExchangeWorker(
    ExchangeStore store,
    ExchangeSignal signal,
    HolderNodes holders,
    NodeClient client,
    IServiceProvider services,
    Deployment deployment,
    DepartmentDirectory departments,
    DepartmentSigners signers,
    NetworkVerifier verifier,
    HolderChainReads chain,
    EvidenceFiles evidence,
    ReleaseRecipientSessions sessions,
    IOptions<ExchangeOptions> options,
    ILogger<ExchangeWorker> logger) : BackgroundService
{
    private const string ReleasesRoute = "api/v1/node/releases";
    private const string ReceiptsRoute = ReleasesRoute + "/receipts";

    // A full body of receipts answered one by one, each refusal with its sentence.
    private const int MaxReceiptAnswerBytes = 256 * 1024;
    private static readonly TimeSpan s_idle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_blockPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_blockWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_roundGap = TimeSpan.FromMilliseconds(10);

    /// <inheritdoc />
    // Work goes out as slots free up, not in rounds: a round that waited for its slowest exchange (a holder's retry, a
    // slow commit) held every slot it had freed. A round reads the due exchanges' scheduling fields only, leaves out those
    // in flight (so none is stepped twice at once) and those waiting for the block after their log, starts as many as
    // there are free slots with their whole rows, and waits: each step's end wakes the loop to fill its slot. (Reading
    // every due row whole, in flight or not, at each step's end had the loop take a core of its own.)
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var concurrency = options.Value.Concurrency;
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var inFlight = new ConcurrentDictionary<long, byte>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    long round = System.Diagnostics.Stopwatch.GetTimestamp();
                    var work = slots.CurrentCount == 0 ? [] : await NextWorkAsync(slots.CurrentCount, inFlight);
                    foreach (var (exchanges, isReceipts) in work)
                    {
                        await slots.WaitAsync(stoppingToken);
                        foreach (var exchange in exchanges)
                        {
                            inFlight[exchange.Id] = 0;
                        }

                        _ = RunAsync(exchanges, isReceipts, stoppingToken).ContinueWith(
                            step =>
                            {
                                foreach (var exchange in exchanges)
                                {
                                    inFlight.TryRemove(exchange.Id, out _);
                                }

                                slots.Release();
                                signal.ExchangesDue();
                            },
                            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    }

                    // Each step's end wakes the loop. With none in flight, the next retry is due when the store says, and
                    // one due already waits for the block after its log.
                    var next = !inFlight.IsEmpty ? s_blockPoll : store.NextDue() is { } at ? at - DateTimeOffset.UtcNow : s_idle;
                    await signal.WaitForExchangesAsync(next <= TimeSpan.Zero ? s_blockPoll : next > s_idle ? s_idle : next, stoppingToken);

                    // Steps end hundreds of times a second under load: a round fills every slot freed since the last.
                    var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(round);
                    if (elapsed < s_roundGap)
                    {
                        await Task.Delay(s_roundGap - elapsed, stoppingToken);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (System.Data.Common.DbException ex)
                {
                    logger.LogError(ex, "the exchange worker failed a round; it retries");
                    await Task.Delay(s_idle, stoppingToken);
                }
            }
        }
        finally
        {
            // Steps in flight finish (or see the cancellation) before the host's store closes: every slot back means none runs.
            for (var i = 0; i < concurrency; i++)
            {
                await slots.WaitAsync(CancellationToken.None);
            }
        }
    }

    // Up to `free` pieces of work: the steps due, then bodies of receipts (one slot each). Receipts get at least one slot
    // of a round that has them, so a steady stream of steps never holds back the holder's acknowledgements.
    private async Task<List<(IReadOnlyList<ExchangeRecord> Exchanges, bool Receipts)>> NextWorkAsync(int free, ConcurrentDictionary<long, byte> inFlight)
    {
        var now = DateTimeOffset.UtcNow;
        // The exchanges in flight are due as well and come first (the most overdue); past them, `free` more are enough.
        var steps = (await DueStepsAsync(now, inFlight.Count + free)).Where(e => !inFlight.ContainsKey(e.Id)).ToList();
        var receipts = ReceiptBatches([.. store.ReceiptsDue(now, (ReleaseReceipts.MaxReceipts * 4) + inFlight.Count).Where(e => !inFlight.ContainsKey(e.Id))]);
        int receiptSlots = Math.Min(receipts.Count, Math.Max(1, free - steps.Count));
        var chosenSteps = steps.Take(free - receiptSlots).ToList();
        var chosenReceipts = receipts.Take(free - chosenSteps.Count).ToList();
        if (chosenSteps.Count + chosenReceipts.Count == 0)
        {
            return [];
        }

        // Whole rows of the chosen ones, as they stand now; one that moved on since (refused, say) is left out.
        var rows = store.GetMany([.. chosenSteps.Select(e => e.Id), .. chosenReceipts.SelectMany(r => r).Select(e => e.Id)]).ToDictionary(e => e.Id);
        var work = new List<(IReadOnlyList<ExchangeRecord>, bool)>();
        foreach (var step in chosenSteps)
        {
            if (rows.TryGetValue(step.Id, out var row) && row.State is ExchangeState.Logged or ExchangeState.Released)
            {
                work.Add(([row], false));
            }
        }

        foreach (var batch in chosenReceipts)
        {
            List<ExchangeRecord> batchRows = [.. batch.Select(e => rows.GetValueOrDefault(e.Id)).OfType<ExchangeRecord>()
                .Where(e => e is { State: ExchangeState.Verified, ReceiptSentAt: null })];
            if (batchRows.Count > 0)
            {
                work.Add((batchRows, true));
            }
        }

        return work;
    }

    private async Task RunAsync(IReadOnlyList<ExchangeRecord> exchanges, bool isReceipts, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await (isReceipts ? SendReceiptsAsync(exchanges, cancellationToken) : StepAsync(exchanges[0], cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "exchange {Exchange} failed a step; it is tried again later", exchanges[0].Id);
            PostponeAll(exchanges, StoredError.Of(StoredErrors.StepFailed));
        }
    }

    // A logged exchange goes to the holder once a block follows its log's (the holder's default of one confirmation):
    // asked earlier, the holder answers log-not-confirmed, and the retry's growing pause would hold the exchange for
    // seconds after the block came. The store leaves those out of the due ones, given the head: the one read shared per
    // block with every other check of this node. A chain that makes no block for a while (an idle automining dev chain)
    // does not hold the exchange back: after s_blockWait it is asked for as before, and the holder's answer says why it
    // waits. Unread, the head holds nothing back.
    private async Task<IReadOnlyList<DueExchange>> DueStepsAsync(DateTimeOffset now, int limit)
    {
        var head = await chain.LatestBlockAsync();
        return store.Due(now, limit, head.IsSuccess ? head.Value : null, s_blockWait);
    }

    private async Task StepAsync(ExchangeRecord exchange, CancellationToken cancellationToken)
    {
        if (services.GetService<NodeKeys>() is not { } keys)
        {
            Postpone(exchange, StoredError.Of(StoredErrors.NoNodeKey));
            return;
        }

        var holder = await holders.GetAsync(exchange.Holder);
        if (!holder.IsSuccess)
        {
            logger.LogWarning("exchange {Exchange} waits: the chain could not be read: {Error}", exchange.Id, holder.Error.Message);
            Postpone(exchange, StoredError.Of(StoredErrors.ChainUnavailable));
            return;
        }

        if (holder.Value is not { } node || !Uri.TryCreate(node.Url, UriKind.Absolute, out var nodeUrl))
        {
            Postpone(exchange, StoredError.Of(StoredErrors.NoNodePublished, ("department", exchange.Holder)));
            return;
        }

        var entry = EntryOf(exchange);
        var request = new ReleaseRequest(
            exchange.GrantId, exchange.RecordId, exchange.RequestId, exchange.QueryDigest,
            exchange.SealedQuery is { } sealedQuery ? new SealedQuery(sealedQuery[..65], sealedQuery[65..]) : null,
            new LogInclusion(exchange.LogRoot!.Value, exchange.LogProof));
        var body = JsonSerializer.SerializeToUtf8Bytes(request, ReleaseOpener.Json);
        SentRequest? sent = null;
        var answer = await client.PostAsync(nodeUrl, ReleasesRoute, body, url =>
        {
            sent = new SentRequest(url, NodeSignatures.SignRequest("POST", url, body, exchange.Department, deployment.ChainId, deployment.Registry, keys.Signing, DateTimeOffset.UtcNow).Headers(), body);
            return sent.Headers;
        }, options.Value.MaxReleaseBytes, cancellationToken);
        if (!answer.IsSuccess)
        {
            // What the network library said goes to the log; the exchange keeps a code each clerk reads in their language.
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("exchange {Exchange} waits: the holder's node (department {Holder}): {Detail}", exchange.Id, exchange.Holder, answer.Detail);
            }

            Postpone(exchange, StoredError.Of(StoredErrors.HolderUnreachable, ("department", exchange.Holder)));
            return;
        }

        var holderKey = PublishedKeys.Signing(node.SigningKey);
        var outcome = ReleaseOpener.Read(answer.Value, exchange, entry, holderKey, keys.Encryption, deployment.ChainId, deployment.Registry, DateTimeOffset.UtcNow, sessions);
        if (outcome.Retry is { } retry)
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("exchange {Exchange} waits: {Detail}", exchange.Id, retry.LogDetail);
            }

            Postpone(exchange, StoredError.Of(retry.Code, [.. retry.Values.Select(v => (v.Key, (object?)v.Value))]));
            return;
        }

        if (outcome.Refusal is { } refusal)
        {
            // The holder's words and what the checks found go to the log; the exchange keeps a code.
            Refuse(exchange, refusal, refusal.Reason == ExchangeRefusal.TamperedContent
                ? StoredError.Of(StoredErrors.ReleaseTampered)
                : StoredError.Of(StoredErrors.HolderRefused, ("reason", refusal.Reason)));
            return;
        }

        var opened = outcome.Opened!;
        var anchored = await AnchoredByHolderAsync(exchange, opened, cancellationToken);
        if (anchored.Value is not { } anchors)
        {
            await WaitReleasedAsync(exchange, opened, anchored.Wait!);
            return;
        }

        var retainUntil = exchange.Store ? DateTimeOffset.UtcNow.AddDays(exchange.RetentionDays) : (DateTimeOffset?)null;
        var kept = Seal(exchange, opened, retainUntil);
        if (kept.Value is not { } rows)
        {
            await WaitReleasedAsync(exchange, opened, kept.Wait!);
            return;
        }

        await evidence.WriteAsync(exchange, entry, sent!, answer.Value, opened.Release.ContentDigest, anchors, cancellationToken);

        // Released, kept and verified in one commit, shared with the other exchanges' writes: a node killed before it
        // asks the holder again and gets the same journaled release.
        var verified = await store.VerifyAsync(exchange, opened.Release.ContentDigest, opened.Release.MediaType, retainUntil, (connection, transaction) =>
        {
            foreach (var row in rows)
            {
                RecordStore.Insert(connection, transaction, row);
            }
        });
        if (verified)
        {
            signal.ExchangesDue();
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("exchange {Exchange} verified: {Count} record(s) from department {Holder} under grant {Grant}", exchange.Id, opened.Records.Count, exchange.Holder, exchange.GrantId);
            }
        }
    }

    // An exchange that cannot be verified yet (or at all) keeps its release first: the content digest is shown from then
    // on, and the anchor's rechecks count in the Released step.
    private async Task WaitReleasedAsync(ExchangeRecord exchange, OpenedRelease opened, Action wait)
    {
        if (exchange.State == ExchangeState.Logged)
        {
            await store.MarkReleasedAsync(exchange.Id, opened.Release.ContentDigest, opened.Release.MediaType);
        }

        wait();
    }

    // Each record must be anchored by the holder and valid on chain now: content that hashes right but that the holder
    // never anchored is not its record, whatever it says. A record not found is checked again a few times first (the
    // holder's proof answer can trail its anchor on a loaded node) and refused as tampered after AnchorChecks. Where each
    // was anchored goes to the evidence file; otherwise the answer says how the exchange waits or is refused. The verdict
    // is shared by every exchange of the record checked at the same block (read once per block, as the holder's reads
    // are): a burst of exchanges of one record costs the chain one verification per block.
    private async Task<Checked<List<EvidenceAnchor>>> AnchoredByHolderAsync(ExchangeRecord exchange, OpenedRelease opened, CancellationToken cancellationToken)
    {
        var latest = await chain.LatestBlockAsync();
        if (!latest.IsSuccess)
        {
            logger.LogWarning("exchange {Exchange} waits: the chain could not confirm the record's anchor: {Error}", exchange.Id, latest.Error.Message);
            return Checked<List<EvidenceAnchor>>.Waits(() => Postpone(exchange, StoredError.Of(StoredErrors.AnchorUnconfirmed)));
        }

        var anchors = new List<EvidenceAnchor>(opened.Records.Count);
        foreach (var record in opened.Records)
        {
            var report = await chain.AtBlockAsync(latest.Value, $"verify:{exchange.Holder}:{record.Digest}", async () =>
                await verifier.VerifyAsync(departments.Reader.Documents, new VerificationQuery(record.Digest) { DepartmentId = exchange.Holder }, await HostedAsync(cancellationToken), cancellationToken));
            if (!report.IsSuccess)
            {
                logger.LogWarning("exchange {Exchange} waits: the chain could not confirm the record's anchor: {Error}", exchange.Id, report.Error.Message);
                return Checked<List<EvidenceAnchor>>.Waits(() => Postpone(exchange, StoredError.Of(StoredErrors.AnchorUnconfirmed)));
            }

            var outcome = report.Value.Verdict.Outcome;
            if (outcome == VerdictOutcome.Valid && report.Value.Facts.DepartmentId == exchange.Holder)
            {
                anchors.Add(report.Value.Request?.Proof is { } proof
                    ? new EvidenceAnchor(record.Digest, proof.Root, proof.Path)
                    : new EvidenceAnchor(record.Digest, null, []));
                continue;
            }

            if (outcome is not VerdictOutcome.Unknown)
            {
                var status = outcome.ToString().ToLowerInvariant();
                return Checked<List<EvidenceAnchor>>.Waits(() => Refuse(exchange, new ExchangeRefusal(ExchangeRefusal.RecordRevoked, $"record {record.Digest} is {status} on chain"),
                    StoredError.Of(StoredErrors.RecordNotValid, ("record", record.Digest), ("status", status))));
            }

            if (exchange.State == ExchangeState.Released && exchange.Attempts + 1 >= options.Value.AnchorChecks)
            {
                return Checked<List<EvidenceAnchor>>.Waits(() => Refuse(exchange, new ExchangeRefusal(ExchangeRefusal.TamperedContent, $"record {record.Digest} is not anchored by department {exchange.Holder}"),
                    StoredError.Of(StoredErrors.RecordNotAnchored, ("record", record.Digest), ("department", exchange.Holder))));
            }

            return Checked<List<EvidenceAnchor>>.Waits(() => Postpone(exchange with { Attempts = AttemptsReleased(exchange) },
                StoredError.Of(StoredErrors.RecordNotAnchoredYet, ("record", record.Digest), ("department", exchange.Holder))));
        }

        return Checked<List<EvidenceAnchor>>.Passed(anchors);
    }

    // Attempts made in the Released step: an exchange read as Logged was released in this very step, and the store
    // started the count again at zero when it moved it.
    private static int AttemptsReleased(ExchangeRecord exchange) => exchange.State == ExchangeState.Released ? exchange.Attempts : 0;

    // The records the release brought, checked and sealed for the verifying commit: each one on its own, and a kind
    // query's answer as a whole as well (it is what staff read).
    private Checked<List<SealedRecordRow>> Seal(ExchangeRecord exchange, OpenedRelease opened, DateTimeOffset? retainUntil)
    {
        if (services.GetService<RecordStore>() is not { } records)
        {
            return Checked<List<SealedRecordRow>>.Waits(() => Postpone(exchange, StoredError.Of(StoredErrors.NoRecordStore)));
        }

        var exchangeId = exchange.Id.ToString(CultureInfo.InvariantCulture);
        var toKeep = opened.Records.Select(r => new RecordContent(r.Digest, exchange.Department, r.MediaType, r.Content, RecordOrigin.Received));
        if (exchange.IsKindQuery)
        {
            toKeep = toKeep.Append(new RecordContent(opened.Release.ContentDigest, exchange.Department, opened.Release.MediaType, opened.Content, RecordOrigin.Received));
        }

        var rows = new List<SealedRecordRow>();
        foreach (var record in toKeep)
        {
            var sealedRecord = records.Seal(record with { ExchangeId = exchangeId, RetainUntil = retainUntil });
            if (sealedRecord.Row is not { } row)
            {
                return Checked<List<SealedRecordRow>>.Waits(() => Postpone(exchange,
                    StoredError.Of(StoredErrors.RecordStoreRefused, ("record", record.Digest), ("outcome", sealedRecord.Refused))));
            }

            rows.Add(row);
        }

        return Checked<List<SealedRecordRow>>.Passed(rows);
    }

    // What a check of the worker found: its value, or what to do with the exchange that waits for it (or is refused).
    private readonly record struct Checked<T>(T? Value, Action? Wait)
        where T : class
    {
        public static Checked<T> Passed(T value) => new(value, null);

        public static Checked<T> Waits(Action wait) => new(null, wait);
    }

    // Receipts go to each holder department in bodies of up to ReleaseReceipts.MaxReceipts, one signature each: a
    // node that hosts several grantee departments signs each body for the department whose exchanges it holds.
    private static List<DueExchange[]> ReceiptBatches(IReadOnlyList<DueExchange> due)
        => [.. due.GroupBy(e => (e.Department, e.Holder)).SelectMany(g => g.Chunk(ReleaseReceipts.MaxReceipts))];

    private async Task SendReceiptsAsync(IReadOnlyList<ExchangeRecord> batch, CancellationToken cancellationToken)
    {
        if (services.GetService<NodeKeys>() is not { } keys)
        {
            return;
        }

        var (department, holderId) = (batch[0].Department, batch[0].Holder);
        var holder = await holders.GetAsync(holderId);
        if (!holder.IsSuccess || holder.Value is not { } node || !Uri.TryCreate(node.Url, UriKind.Absolute, out var nodeUrl))
        {
            PostponeAll(batch, StoredError.Of(StoredErrors.ReceiptHolderUnknown, ("department", holderId)));
            return;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ReleaseReceipts(holderId, [.. batch.Select(e => new ReleaseReceipt(e.RequestId, e.ContentDigest!.Value))]), ReleaseOpener.Json);
        var answer = await client.PostAsync(nodeUrl, ReceiptsRoute, body,
            url => NodeSignatures.SignRequest("POST", url, body, department, deployment.ChainId, deployment.Registry, keys.Signing, DateTimeOffset.UtcNow).Headers(),
            MaxReceiptAnswerBytes, cancellationToken);
        if (!answer.IsSuccess || answer.Value.Status is < 200 or >= 300)
        {
            if (!answer.IsSuccess && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("receipts to department {Holder} wait: the holder's node: {Detail}", holderId, answer.Detail);
            }

            PostponeAll(batch, answer.IsSuccess
                ? StoredError.Of(StoredErrors.ReceiptsAnswered, ("department", holderId), ("status", answer.Value.Status))
                : StoredError.Of(StoredErrors.HolderUnreachable, ("department", holderId)));
            return;
        }

        var answers = ReadReceiptAnswers(answer.Value.Body);
        var acknowledged = new List<long>(batch.Count);
        foreach (var exchange in batch)
        {
            var reply = answers?.Answers.FirstOrDefault(a => a?.RequestId == exchange.RequestId);
            if (reply is { IsAcknowledged: true })
            {
                acknowledged.Add(exchange.Id);
            }
            else
            {
                if (reply is not null && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("exchange {Exchange}: the holder's node did not record the receipt: {Outcome} ({Detail})", exchange.Id, reply.Outcome, reply.Detail);
                }

                Postpone(exchange, reply is null
                    ? StoredError.Of(StoredErrors.ReceiptUnanswered)
                    : StoredError.Of(StoredErrors.ReceiptNotRecorded, ("outcome", OutcomeWord(reply.Outcome))));
            }
        }

        if (acknowledged.Count > 0)
        {
            await store.MarkReceiptsSentAsync(acknowledged);
        }
    }

    private static ReceiptAnswers? ReadReceiptAnswers(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<ReceiptAnswers>(body.Span, ReleaseOpener.Json) is { Answers: not null } answers ? answers : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The holder's outcome word, kept only when it is a plain word (the holder's node chooses it).
    private static string OutcomeWord(string? outcome)
        => outcome is { Length: > 0 and <= 64 } && outcome.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? outcome : "-";

    private void PostponeAll(IReadOnlyList<ExchangeRecord> exchanges, StoredError detail)
    {
        foreach (var exchange in exchanges)
        {
            Postpone(exchange, detail);
        }
    }

    private AccessEntry EntryOf(ExchangeRecord exchange)
        => new(deployment.ChainId, deployment.Registry, exchange.GrantId, exchange.RecordId, exchange.Holder, exchange.Department, exchange.RequestId, exchange.QueryDigest ?? Digest.Zero);

    private async Task<IReadOnlySet<uint>> HostedAsync(CancellationToken cancellationToken)
    {
        var list = await departments.ListAsync(cancellationToken);
        return list.IsSuccess ? list.Value.Where(d => signers.For(d.Code) is not null).Select(d => d.Id).ToHashSet() : new HashSet<uint>();
    }

    // The refusal's sentence (with the holder's words, when it refused) is logged; the exchange keeps the code.
    private void Refuse(ExchangeRecord exchange, ExchangeRefusal refusal, StoredError detail)
    {
        if (!store.Refuse(exchange.Id, refusal.Reason, detail.ToString()))
        {
            return;
        }

        if (refusal.Reason == ExchangeRefusal.TamperedContent)
        {
            logger.LogWarning("exchange {Exchange}: the release of department {Holder} is refused as tampered: {Detail}", exchange.Id, exchange.Holder, refusal.Detail);
        }
        else if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("exchange {Exchange} refused by department {Holder}: {Reason} ({Detail})", exchange.Id, exchange.Holder, refusal.Reason, refusal.Detail);
        }
    }

    // The detail is kept as a code (StoredError): the exchange is answered in each reader's language.
    private void Postpone(ExchangeRecord exchange, StoredError detail)
    {
        var attempts = exchange.Attempts + 1;
        store.Postpone(exchange.Id, attempts, DateTimeOffset.UtcNow + options.Value.PauseAfter(attempts), detail.ToString());
    }
}
