using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.LoadTest.Api;
using EthGov.LoadTest.Chain;
using EthGov.LoadTest.Nodes;
using EthGov.LoadTest.Processes;
using Microsoft.Data.Sqlite;

namespace EthGov.LoadTest.Exchange;

/// <summary>
/// Exchanges posted on a grantee's node at a fixed rate (open loop: <c>POST /api/v1/exchanges</c>, the grants taken in
/// turn), each followed until the grantee's node has its content verified. A thread of its own keeps the schedule and
/// sends each request when its time comes; latency runs from that scheduled time, so a queue in the nodes or in the
/// client cannot hide. The end of each exchange is read from the grantee's database (read-only, every 50 ms), not by
/// polling the API, so that following the exchanges costs the node under test nothing but the reads of its file.
/// </summary>
internal sealed class ExchangeLoad(BenchNode grantee, string granteeDatabase, IReadOnlyList<string> grants, IReadOnlyDictionary<string, int> pids)
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(50);

    public async Task<ExchangeRun> RunAsync(string name, int rate, int seconds, int windowStart, int drainSeconds, CancellationToken cancellationToken)
    {
        int total = rate * seconds;
        var scheduled = new long[total];
        var accepted = new long[total];
        var ids = new long[total];
        var lag = new long[total];
        string? firstProblem = null;
        int failures = 0;
        var sends = new Task[total];
        using var http = VerificationLoad.CreateClient(grantee.Url);
        http.DefaultRequestHeaders.Add(EthGov.Application.ApiKeys.ApiKeyHeader.Name, grantee.Key);
        ThreadPool.GetMinThreads(out int workers, out int ports);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(ports, 32));

        string loadBefore = LoadAverage();
        var cpuBefore = pids.ToDictionary(p => p.Key, p => ProcStat.CpuTicks(p.Value));
        long start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        long Tick(int i) => start + (long)(i * (double)Stopwatch.Frequency / rate);

        async Task SendAsync(int i)
        {
            try
            {
                using var response = await http.PostAsJsonAsync("/api/v1/exchanges", new { grantId = grants[i % grants.Count] }, cancellationToken);
                accepted[i] = Stopwatch.GetTimestamp();
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstProblem, $"{(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}", null);
                    return;
                }

                using var json = JsonDocument.Parse(text);
                ids[i] = json.RootElement.GetProperty("id").GetInt64();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstProblem, ex.Message, null);
            }
        }

        var pacer = new Thread(() =>
        {
            for (int i = 0; i < total; i++)
            {
                long due = Tick(i);
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }

                scheduled[i] = due;
                lag[i] = Stopwatch.GetTimestamp() - due;
                sends[i] = SendAsync(i);
            }
        }) { IsBackground = true, Name = "exchange pacer" };

        // Exchanges end in the grantee's database: verified (3) or refused (4); the poll reads the ids not yet seen to end.
        var ended = new Dictionary<long, (long At, int State, string? Reason)>();
        using var database = NodeDatabase.OpenReadOnly(granteeDatabase);
        pacer.Start();
        long loadEnd = Tick(total);
        long lowest = long.MaxValue;
        var drainLimit = loadEnd + (drainSeconds * Stopwatch.Frequency);
        while (true)
        {
            await Task.Delay(s_poll, cancellationToken);
            bool posted = !pacer.IsAlive && sends.All(s => s is not null && s.IsCompleted);
            var known = ids.Where(id => id > 0).ToList();
            if (known.Count > 0)
            {
                lowest = known.Where(id => !ended.ContainsKey(id)).DefaultIfEmpty(long.MaxValue).Min();
                if (lowest != long.MaxValue)
                {
                    ReadEnded(database, lowest, known.Max(), ended);
                }
            }

            if (posted && known.All(ended.ContainsKey))
            {
                break;
            }

            if (Stopwatch.GetTimestamp() > drainLimit)
            {
                ApiRun.Log($"  {known.Count(id => !ended.ContainsKey(id))} exchanges not ended {drainSeconds} s after the load");
                break;
            }
        }

        await Task.WhenAll(sends.Where(s => s is not null));
        long done = Stopwatch.GetTimestamp();
        var cpu = pids.Select(p => (p.Key, Ticks: ProcStat.CpuTicks(p.Value) - cpuBefore[p.Key])).ToList();
        string loadAfter = LoadAverage();

        double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
        long windowFrom = Tick(rate * windowStart), windowTo = loadEnd;
        var verifiedAt = new List<TimeSpan>();
        var toAccepted = new List<TimeSpan>();
        int verified = 0, refused = 0, inWindow = 0;
        string? firstRefusal = null;
        for (int i = 0; i < total; i++)
        {
            if (ids[i] == 0 || !ended.TryGetValue(ids[i], out var end))
            {
                // Not verified when the run gave up on it: counted in the latency with the run's whole length, a lower bound.
                if (ids[i] != 0 && i >= rate * windowStart)
                {
                    verifiedAt.Add(TimeSpan.FromSeconds(Seconds(scheduled[i], done)));
                }

                continue;
            }

            if (end.State == 3)
            {
                verified++;
                if (end.At >= windowFrom && end.At < windowTo)
                {
                    inWindow++;
                }

                if (i >= rate * windowStart)
                {
                    verifiedAt.Add(TimeSpan.FromSeconds(Seconds(scheduled[i], end.At)));
                    toAccepted.Add(TimeSpan.FromSeconds(Seconds(scheduled[i], accepted[i])));
                }
            }
            else
            {
                refused++;
                firstRefusal ??= end.Reason;
            }
        }

        int acceptedCount = ids.Count(id => id > 0);
        var lagMs = lag.Select(l => TimeSpan.FromSeconds(l / (double)Stopwatch.Frequency)).ToList();
        double window = Seconds(windowFrom, windowTo);
        return new ExchangeRun(
            name, grantee.Code, rate, seconds, windowStart, total, acceptedCount, failures, firstProblem, verified, refused,
            acceptedCount - verified - refused, firstRefusal, Math.Round(window, 3), inWindow, Math.Round(inWindow / window, 1),
            Latencies.Of(verifiedAt), Latencies.Of(toAccepted), Latencies.Of(lagMs).P99Ms, Math.Round(Seconds(loadEnd, done), 3),
            loadBefore, loadAfter,
            [.. cpu.Select(c => new ProcessCpu(c.Key, ProcStat.Seconds(c.Ticks), verified == 0 ? 0 : Math.Round(c.Ticks * 10.0 / verified, 3)))]);
    }

    private static void ReadEnded(SqliteConnection database, long from, long to, Dictionary<long, (long At, int State, string? Reason)> ended)
    {
        using var select = database.CreateCommand();
        select.CommandText = "SELECT id, state, reason FROM exchanges WHERE id BETWEEN $from AND $to AND state >= 3";
        select.Parameters.AddWithValue("$from", from);
        select.Parameters.AddWithValue("$to", to);
        long now = Stopwatch.GetTimestamp();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            ended.TryAdd(reader.GetInt64(0), (now, reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
    }

    /// <summary>
    /// Waits until the grantee has no exchange in flight (every one verified or refused), at most <paramref name="maxSeconds"/>,
    /// so that a run does not start on the queue an earlier run left; how many are still in flight when it returns.
    /// </summary>
    public async Task<long> SettleAsync(int maxSeconds, CancellationToken cancellationToken)
    {
        using var database = NodeDatabase.OpenReadOnly(granteeDatabase);
        long limit = Stopwatch.GetTimestamp() + (maxSeconds * Stopwatch.Frequency);
        while (true)
        {
            using var select = database.CreateCommand();
            select.CommandText = "SELECT count(*) FROM exchanges WHERE state < 3";
            long inFlight = (long)select.ExecuteScalar()!;
            if (inFlight == 0 || Stopwatch.GetTimestamp() > limit)
            {
                return inFlight;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>The machine's load averages over 1, 5 and 15 minutes, as /proc/loadavg gives them.</summary>
    public static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
