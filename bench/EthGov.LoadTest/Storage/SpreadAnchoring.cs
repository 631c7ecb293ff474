using System.Diagnostics;
using System.Globalization;
using EthGov.LoadTest.Api;
using EthGov.LoadTest.Chain;
using EthGov.LoadTest.Processes;

namespace EthGov.LoadTest.Storage;

/// <summary>One anchoring scenario of the storage case: its load, what the chain holds after it, and the CPU it took.</summary>
internal sealed record StorageAnchorResult(
    string Name,
    IReadOnlyList<string> Targets,
    int ConnectionsEach,
    int DigestsPerRequest,
    double LoadSeconds,
    long Requests,
    long Non2xx,
    long SocketErrors,
    long AcceptedDocuments,
    double DocumentsPerSecond,
    Latencies ToAccepted,
    long ConfirmedOnChain,
    bool AllConfirmed,
    double DrainSeconds,
    int Transactions,
    int Sampled,
    int SampledConfirmed,
    int AnchoredWhenFound,
    Latencies ToConfirmed,
    IReadOnlyDictionary<string, double> CpuSeconds,
    double CpuMicrosecondsPerDocument,
    string LoadBefore,
    string LoadAfter);

/// <summary>
/// Load on one or more APIs at once, as a load balancer would spread it: one wrk per API (bench/wrk's anchor scripts,
/// <c>connectionsEach</c> connections each), all started together and summed; a <see cref="ConfirmationProbe"/> per API
/// samples accepted-to-confirmed (asking the other APIs when its own stops answering); then the registry's events are counted until they hold every accepted document. CPU of
/// each watched process is read from /proc from the start of the load until that count is reached.
/// </summary>
internal sealed class SpreadAnchoring(WrkRunner wrk, ChainTally tally, string key)
{
    // Every 50th request of a wrk thread is sampled (every 2nd with 1,000 digests): tens of samples a second when the
    // neighbours leave the run a few hundred documents a second; at speed at most 8 new ones per thread every 100 ms,
    // the probe widening its step to keep pace.
    private const int SingleStride = 50;
    private const int BatchStride = 2;

    /// <summary>Processes whose CPU each scenario reports, by name (tree: a process and its children, as PostgreSQL's server).</summary>
    public Dictionary<string, Func<long>> Watched { get; } = [];

    /// <summary>
    /// Waits until each of <paramref name="nodes"/> has no batch waiting for the chain and has indexed up to its head, as the
    /// API case does before it measures: a node still settling the previous scenario takes CPU from the next one.
    /// </summary>
    public async Task QuietAsync(IEnumerable<StorageNode> nodes, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            using var http = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(10) };
            ApiRun.Log($"  {node.Name}: {await ApiRun.WaitUntilQuietAsync(http, tally, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), cancellationToken)}");
        }
    }

    /// <summary>
    /// Runs the scenario; <paramref name="during"/>, when given, runs beside the load with each wrk's process id (by
    /// target), and the count waits for it too. Without <paramref name="onChain"/> (the reference, which has no chain)
    /// nothing is sampled or counted after the load.
    /// </summary>
    public async Task<StorageAnchorResult> RunAsync(
        string name, IReadOnlyList<StorageNode> targets, int connectionsEach, int digestsPerRequest, int seconds, CancellationToken cancellationToken,
        Func<IReadOnlyDictionary<StorageNode, int>, CancellationToken, Task>? during = null, bool onChain = true)
    {
        string run = ApiRun.RandomTag()[..6];
        int threads = Math.Min(2, connectionsEach);
        string loadBefore = LoadAverage();
        ulong startBlock = await tally.BlockNumberAsync();
        var cpuBefore = Watched.ToDictionary(w => w.Key, w => w.Value());
        var clients = targets.Select(t => new HttpClient(new ReplicaFallbackHandler([.. targets.Select(r => r.Url)])) { BaseAddress = t.Url, Timeout = TimeSpan.FromSeconds(30) }).ToList();
        var probes = new List<ConfirmationProbe>();
        var loads = new List<Task<WrkResult>>();
        var wrkPids = new Dictionary<StorageNode, int>();
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var loadDone = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            string tag = run + i.ToString("x2", CultureInfo.InvariantCulture);
            var (script, digestOf, stride) = digestsPerRequest == 1
                ? ("anchor.lua", (Func<int, long, string>)((t, k) => $"0x{tag}{t:x8}{k:x48}"), SingleStride)
                : ("anchor-batch.lua", (t, k) => $"0x{tag}{t:x8}{k:x32}{0:x16}", BatchStride);
            var probe = new ConfirmationProbe(clients[i], threads, stride, digestOf);
            probes.Add(probe);
            var environment = new Dictionary<string, string> { ["KEY"] = key, ["TAG"] = tag, ["SIZE"] = digestsPerRequest.ToString(CultureInfo.InvariantCulture) };
            var targetWrk = new WrkRunner("wrk", wrk.ScriptDirectory, target.Url);
            loads.Add(targetWrk.RunAsync(script, threads, connectionsEach, TimeSpan.FromSeconds(seconds), environment, "/", cancellationToken, pid =>
            {
                lock (wrkPids)
                {
                    wrkPids[target] = pid;
                    if (wrkPids.Count == targets.Count)
                    {
                        allStarted.SetResult();
                    }
                }
            }));
        }

        var probing = probes.Where(_ => onChain).Select(p => p.RunAsync(TimeSpan.FromSeconds(30), loadDone.Token, cancellationToken)).ToList();
        Task beside = Task.CompletedTask;
        if (during is not null)
        {
            await allStarted.Task.WaitAsync(cancellationToken);
            beside = during(wrkPids, cancellationToken);
        }

        WrkResult[] results;
        try
        {
            results = await Task.WhenAll(loads);
        }
        finally
        {
            await loadDone.CancelAsync();
        }

        var loadEnd = clock.Elapsed;
        await beside;
        long accepted = results.Sum(r => r.Succeeded) * digestsPerRequest;
        long counted = 0;
        var allConfirmedAt = TimeSpan.Zero;
        while (onChain && clock.Elapsed - loadEnd < TimeSpan.FromSeconds(90))
        {
            counted = (await tally.CountAsync(startBlock)).Documents;
            if (counted >= accepted)
            {
                allConfirmedAt = clock.Elapsed;
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        var cpu = Watched.ToDictionary(w => w.Key, w => ProcStat.Seconds(w.Value() - cpuBefore[w.Key]));
        string loadAfter = LoadAverage();
        await Task.WhenAll(probing);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var (documents, transactions) = await tally.CountAsync(startBlock);
        // wrk's own duration: the load of every target ran the same seconds, the slowest to stop decides.
        double loadSeconds = results.Max(r => r.DurationUs) / 1e6;
        var confirmed = probes.SelectMany(p => p.Confirmed).ToList();
        // Latency to 202: wrk reports percentiles per run, which do not add up; with two runs the worse run's are stated.
        double apiCpu = cpu.Where(c => targets.Any(t => t.Name == c.Key)).Sum(c => c.Value);
        var result = new StorageAnchorResult(
            name,
            [.. targets.Select(t => t.Name)],
            connectionsEach,
            digestsPerRequest,
            Math.Round(loadSeconds, 3),
            results.Sum(r => r.Requests),
            results.Sum(r => r.StatusErrors),
            results.Sum(r => r.SocketErrors),
            accepted,
            Math.Round(accepted / loadSeconds, 1),
            new Latencies((int)Math.Min(int.MaxValue, results.Sum(r => r.Requests)), Math.Round(results.Max(r => r.P50Us) / 1000.0, 1), Math.Round(results.Max(r => r.P99Us) / 1000.0, 1), Math.Round(results.Max(r => r.MaxUs) / 1000.0, 1)),
            documents,
            allConfirmedAt > TimeSpan.Zero,
            allConfirmedAt > TimeSpan.Zero ? Math.Round((allConfirmedAt - loadEnd).TotalSeconds, 3) : 0,
            transactions.Count,
            probes.Sum(p => p.Sampled),
            confirmed.Count,
            probes.Sum(p => p.AnchoredWhenFound),
            Latencies.Of(confirmed),
            cpu,
            accepted == 0 ? 0 : Math.Round(apiCpu * 1e6 / accepted, 1),
            loadBefore,
            loadAfter);
        ApiRun.Log($"  {result.DocumentsPerSecond} documents/s accepted over {string.Join(" + ", result.Targets)} ({result.Non2xx} not 2xx, {result.SocketErrors} socket errors), "
            + $"p99 {result.ToAccepted.P99Ms} ms; {result.ConfirmedOnChain} on chain in {result.Transactions} transactions, all {(result.AllConfirmed ? $"confirmed {result.DrainSeconds} s after the load" : "NOT confirmed")}; "
            + $"accepted-to-confirmed p50 {result.ToConfirmed.P50Ms} ms, p99 {result.ToConfirmed.P99Ms} ms ({result.SampledConfirmed} of {result.Sampled} samples, {result.AnchoredWhenFound} anchored when first seen; p99 by API {string.Join(", ", probes.Select((p, i) => $"{targets[i].Name} {p.Latencies().P99Ms} ms"))}); "
            + $"CPU {string.Join(", ", cpu.Select(c => $"{c.Key} {c.Value} s"))}; {result.CpuMicrosecondsPerDocument} us of API CPU per document; load {loadBefore} -> {loadAfter}");
        return result;
    }

    /// <summary>The 1, 5 and 15 minute load averages, as /proc/loadavg states them.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
