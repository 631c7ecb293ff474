using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using System.Text.Json;
using System.Text.Json.Serialization;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;
using EthGov.LoadTest.Chain;

namespace EthGov.LoadTest.Api;

/// <summary>
/// Verification at a fixed request rate: every answer checked against what it should say. <see cref="Latency"/> runs
/// from each request's scheduled time and holds every request (each one in <see cref="Samples"/>, not written out, for
/// pooling runs); the rest says how much of it the client itself caused.
/// </summary>
internal sealed record PacedVerificationResult(
    int RatePerSecond,
    double Seconds,
    int Requests,
    double RequestsPerSecond,
    int Failures,
    int WrongAnswers,
    string? FirstProblem,
    Latencies Latency,
    Latencies LatencyAnchored,
    Latencies LatencyUnknown,
    Latencies SendLag,
    int ConnectionsOpenBefore,
    int ConnectionsOpenedDuringRun,
    int ClientCollections,
    int ClientGen2Collections,
    double ClientGcPauseMs,
    long ClientJitMethods,
    double ClientJitMs,
    [property: JsonIgnore] IReadOnlyList<TimeSpan>? Samples = null);

/// <summary>A few answers compared with the chain read directly (not through the API).</summary>
internal sealed record SpotCheckResult(int Checked, int Consistent, IReadOnlyList<string> Mismatches);

/// <summary>
/// GET /api/v1/verify/{digest} over a known set: digests the API confirmed (the answer must be <c>valid</c>,
/// issued by CIVIL) and digests nobody anchored (<c>unknown</c>), each request with <paramref name="query"/> appended
/// (<c>?department=HEALTH</c>, or nothing). Use it with a client from <see cref="CreateClient"/>, which counts the
/// connections it opens.
/// </summary>
internal sealed class VerificationLoad(HttpClient http, IReadOnlyList<string> anchored, IReadOnlyList<string> unknown, string query = "")
{
    private static int s_connections;

    private readonly string[] _all = [.. anchored, .. unknown];
    private readonly HashSet<string> _anchored = [.. anchored];

    /// <summary>Connections the clients from <see cref="CreateClient"/> have opened so far.</summary>
    public static int ConnectionsOpened => Volatile.Read(ref s_connections);

    /// <summary>
    /// A client of its own for verification: connections kept for the whole run (no lifetime, no idle timeout within
    /// it), no proxy, cookies or redirects, and a connection limit far above what 1,000 requests a second need, so a
    /// request never waits in the client for a connection while the API could already take it.
    /// </summary>
    public static HttpClient CreateClient(Uri api)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ActivityHeadersPropagator = null,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    Interlocked.Increment(ref s_connections);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Writes the digests one per line for bench/wrk/verify.lua.</summary>
    public Task WriteListAsync(string path, CancellationToken cancellationToken)
        => File.WriteAllLinesAsync(path, Shuffled(), cancellationToken);

    /// <summary>
    /// Opens about <paramref name="count"/> connections before a paced run (by sending as many requests at once as
    /// are missing, a few times if needed), so the run does not open them while it is measured.
    /// </summary>
    public async Task OpenConnectionsAsync(int count, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < 4 && ConnectionsOpened < count; attempt++)
        {
            var digests = Enumerable.Range(0, count - ConnectionsOpened).Select(i => _all[i % _all.Length]);
            await Task.WhenAll(digests.Select(d => VerifyOnceAsync(d, cancellationToken)));
        }
    }

    /// <summary>
    /// Sends <paramref name="rate"/> requests a second for <paramref name="duration"/> on a fixed schedule (open loop):
    /// latency runs from each request's scheduled time to its whole answer, so a slow answer cannot hide the queue
    /// behind it, and every request counts, failed ones included.
    /// </summary>
    /// <remarks>
    /// A thread of its own keeps the schedule (sleeping 1 ms at a time, which Linux keeps to about 1.1 ms) and sends
    /// each request itself when its time comes, so neither a timer callback (<c>await Task.Delay(1)</c> wakes about
    /// every 4 ms on the benchmark machine, sending bursts late) nor a thread-pool queue stands between the schedule
    /// and the socket; <see cref="PacedVerificationResult.SendLag"/> is how late it still was. The clock
    /// stops when the answer has been read; checking it (JSON parsing) comes after. Latencies go into arrays sized
    /// up front, the heap is collected before the run and the GC avoids blocking full collections during it; the
    /// collections and JIT compilations that still happen in the client are reported.
    /// </remarks>
    public async Task<PacedVerificationResult> RunPacedAsync(int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        int total = (int)(rate * duration.TotalSeconds);
        var order = Shuffled();
        var latency = new long[total];
        var lag = new long[total];
        var answers = new Task<string?>[total];

        // Completions run on the thread pool; with its minimum at the core count, a briefly blocked worker would leave
        // answers waiting for the pool's slow thread injection.
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(completionPorts, 16));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int collections = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        int connections = ConnectionsOpened;
        long jitMethods = JitInfo.GetCompiledMethodCount();
        var jitTime = JitInfo.GetCompilationTime();
        var latencyMode = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        long start = 0;
        double seconds;
        try
        {
            var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
            var scheduler = new Thread(() =>
            {
                try
                {
                    double interval = (double)Stopwatch.Frequency / rate;
                    for (int i = 0; i < total; i++)
                    {
                        long due = start + (long)(i * interval);
                        long now;
                        while ((now = Stopwatch.GetTimestamp()) < due)
                        {
                            Thread.Sleep(1);
                        }

                        cancellationToken.ThrowIfCancellationRequested();
                        lag[i] = now - due;
                        answers[i] = TimedAnswerAsync(order[i % order.Length], due, latency, i, cancellationToken);
                    }

                    scheduled.SetResult();
                }
                catch (Exception ex)
                {
                    scheduled.SetException(ex);
                }
            })
            {
                IsBackground = true,
                Name = "paced verification",
            };
            scheduler.Start();
            await scheduled.Task;
            await Task.WhenAll(answers);
            seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            jitMethods = JitInfo.GetCompiledMethodCount() - jitMethods;
            jitTime = JitInfo.GetCompilationTime() - jitTime;
        }
        finally
        {
            GCSettings.LatencyMode = latencyMode;
        }

        int failures = 0, wrong = 0;
        string? firstProblem = null;
        var all = new List<TimeSpan>(total);
        var ofAnchored = new List<TimeSpan>(total);
        var ofUnknown = new List<TimeSpan>(total);
        for (int i = 0; i < total; i++)
        {
            var problem = answers[i].Result;
            if (problem is not null)
            {
                if (problem.StartsWith("wrong", StringComparison.Ordinal))
                {
                    wrong++;
                }
                else
                {
                    failures++;
                }

                firstProblem ??= problem;
            }

            var elapsed = Stopwatch.GetElapsedTime(0, latency[i]);
            all.Add(elapsed);
            (_anchored.Contains(order[i % order.Length]) ? ofAnchored : ofUnknown).Add(elapsed);
        }

        return new PacedVerificationResult(
            rate,
            Math.Round(seconds, 3),
            total,
            Math.Round(total / seconds, 1),
            failures,
            wrong,
            firstProblem,
            Latencies.Of(all),
            Latencies.Of(ofAnchored),
            Latencies.Of(ofUnknown),
            Latencies.Of(lag.Select(t => Stopwatch.GetElapsedTime(0, t)).ToList()),
            connections,
            ConnectionsOpened - connections,
            GC.CollectionCount(0) - collections,
            GC.CollectionCount(2) - gen2,
            Math.Round((GC.GetTotalPauseDuration() - paused).TotalMilliseconds, 1),
            jitMethods,
            Math.Round(jitTime.TotalMilliseconds, 1),
            all);
    }

    /// <summary>
    /// Compares the API's answers for <paramref name="count"/> digests with the registry read directly: batch members
    /// through <c>CheckInBatchAsync</c> with the issuer and proof of their receipt, others by asking every department.
    /// </summary>
    public async Task<SpotCheckResult> SpotCheckAsync(RegistryClient chain, int count, CancellationToken cancellationToken)
    {
        var mismatches = new List<string>();
        int checkedCount = 0;
        foreach (var digest in _all.Take(count / 2).Concat(_all.Reverse().Take(count - count / 2)))
        {
            checkedCount++;
            var answer = await VerifyAsync(digest, cancellationToken);
            var parsed = Digest.Parse(digest);
            ChainFacts facts;
            if (_anchored.Contains(digest))
            {
                var receiptJson = await http.GetStringAsync($"/api/v1/documents/{digest}/receipt", cancellationToken);
                var receipt = ReceiptReader.Parse(receiptJson).Receipt;
                var issuer = receipt?.Issuer.Id ?? 0;
                var read = receipt?.Batch is { } batch
                    ? await chain.Documents.CheckInBatchAsync(issuer, batch.Root, parsed, batch.Proof)
                    : await chain.Documents.CheckAsync(issuer, parsed);
                if (!read.IsSuccess)
                {
                    mismatches.Add($"{digest}: the chain could not be read ({read.Error})");
                    continue;
                }

                facts = read.Value;
            }
            else
            {
                // Not anchored by the benchmark: every department's single anchor is asked, as the API does.
                var read = await EthGov.Application.Verification.ChainVerifier.VerifyAsync(chain.Documents, new EthGov.Application.Verification.VerificationQuery(parsed));
                if (!read.IsSuccess)
                {
                    mismatches.Add($"{digest}: the chain could not be read ({read.Error})");
                    continue;
                }

                facts = read.Value.Facts;
            }

            string expected = facts.Status switch
            {
                DocumentStatus.Valid => "valid",
                DocumentStatus.Unknown => "unknown",
                var other => other.ToString().ToLowerInvariant(),
            };
            if (answer.Outcome != expected || (expected == "valid" && answer.Department != facts.DepartmentCode) || answer.Block > facts.ReadAtBlock)
            {
                mismatches.Add($"{digest}: API said {answer.Outcome} ({answer.Department}) at block {answer.Block}, chain says {expected} ({facts.DepartmentCode}) at block {facts.ReadAtBlock}");
            }
        }

        return new SpotCheckResult(checkedCount, checkedCount - mismatches.Count, mismatches);
    }

    /// <summary>One paced request: stores its latency from <paramref name="scheduled"/> as soon as the answer is read, then checks it.</summary>
    private async Task<string?> TimedAnswerAsync(string digest, long scheduled, long[] latency, int index, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            response = await http.GetAsync($"/api/v1/verify/{digest}{query}", cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            latency[index] = Stopwatch.GetTimestamp() - scheduled;
            return $"{digest}: {ex.Message}";
        }

        latency[index] = Stopwatch.GetTimestamp() - scheduled;
        using (response)
        {
            return await CheckAsync(digest, response, cancellationToken);
        }
    }

    private async Task<string?> VerifyOnceAsync(string digest, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"/api/v1/verify/{digest}{query}", cancellationToken);
            return await CheckAsync(digest, response, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return $"{digest}: {ex.Message}";
        }
    }

    /// <summary>Null when the answer is what <paramref name="digest"/> should get, else what is wrong with it.</summary>
    private async Task<string?> CheckAsync(string digest, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await ReadAnswerAsync(response, cancellationToken);
            string expected = _anchored.Contains(digest) ? "valid" : "unknown";
            return answer.Outcome == expected ? null : $"wrong answer for {digest}: {answer.Outcome}, expected {expected}";
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return $"{digest}: {ex.Message}";
        }
    }

    private async Task<(string? Outcome, string? Department, ulong Block)> VerifyAsync(string digest, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v1/verify/{digest}{query}", cancellationToken);
        return await ReadAnswerAsync(response, cancellationToken);
    }

    private static async Task<(string? Outcome, string? Department, ulong Block)> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"status {(int)response.StatusCode}");
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = json.RootElement;
        return (
            root.GetProperty("outcome").GetString(),
            root.TryGetProperty("department", out var department) ? department.GetString() : null,
            root.GetProperty("chain").GetProperty("block").GetUInt64());
    }

    private string[] Shuffled()
    {
        var copy = (string[])_all.Clone();
        new Random(7).Shuffle(copy);
        return copy;
    }
}
