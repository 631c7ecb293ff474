using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EthGov.LoadTest.Chain;

namespace EthGov.LoadTest.Api;

/// <summary>
/// Follows a sample of the documents a wrk run sends, while it runs: every <see cref="Interval"/> it finds the
/// sampled digests the API has accepted (every <c>stride</c>-th request of each wrk thread, or a multiple of it when
/// the load outruns that, GET status until 404)
/// and asks again for those still pending. A document's accepted-to-confirmed latency is the moment its status is
/// first seen <c>anchored</c> minus the <c>acceptedAt</c> the API recorded (same machine clock), so it includes up
/// to one interval of polling delay.
/// </summary>
internal sealed class ConfirmationProbe(HttpClient http, int threads, int stride, Func<int, long, string> digestOf)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    // wrk calls request() once before it connects and never sends that first one, so sampling starts at the stride.
    private readonly long[] _next = [.. Enumerable.Repeat((long)Math.Max(2, stride), threads)];
    private readonly long[] _step = [.. Enumerable.Repeat((long)stride, threads)];
    private readonly List<Sample> _pending = [];
    private readonly ConcurrentBag<TimeSpan> _confirmed = [];
    private readonly List<string> _anchoredDigests = [];

    /// <summary>Latencies of the sampled documents seen anchored.</summary>
    public IReadOnlyCollection<TimeSpan> Confirmed => _confirmed;

    /// <summary>Sampled documents still pending.</summary>
    public int Pending => _pending.Count;

    /// <summary>Sampled documents seen accepted.</summary>
    public int Sampled { get; private set; }

    /// <summary>
    /// Sampled documents already anchored when first seen: their latency is when the probe found them, an upper bound.
    /// Many of them mean the probe fell behind the load.
    /// </summary>
    public int AnchoredWhenFound { get; private set; }

    /// <summary>Digests seen anchored (for the verification benchmark).</summary>
    public IReadOnlyList<string> AnchoredDigests => _anchoredDigests;

    /// <summary>Polls until <paramref name="loadDone"/> is cancelled, then until every sample is confirmed or <paramref name="drainLimit"/> passes.</summary>
    public async Task RunAsync(TimeSpan drainLimit, CancellationToken loadDone, CancellationToken cancellationToken)
    {
        var drainClock = new Stopwatch();
        while (true)
        {
            long round = Stopwatch.GetTimestamp();
            bool loading = !loadDone.IsCancellationRequested;
            await DiscoverAsync(cancellationToken);
            await CheckPendingAsync(cancellationToken);
            if (!loading)
            {
                drainClock.Start();
                if (_pending.Count == 0 || drainClock.Elapsed > drainLimit)
                {
                    return;
                }
            }

            var left = Interval - Stopwatch.GetElapsedTime(round);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, cancellationToken);
            }
        }
    }

    // At most a few new samples per thread and round, so the probe never becomes load of its own. They are asked for all
    // at once: one after the other, on an API answering in a few hundred milliseconds under load, a round took seconds.
    // A thread whose every candidate was accepted has its step doubled (and halved again, down to the stride, when fewer
    // than half were): with a fixed step the probe fell behind a fast run, found samples long after they were accepted,
    // and counted that delay as the document's.
    private async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        const int PerThread = 8;
        var asked = Enumerable.Range(0, threads)
            .Select(thread => Enumerable.Range(0, PerThread).Select(i => digestOf(thread, _next[thread] + (long)i * _step[thread])).ToArray())
            .ToArray();
        var answers = await Task.WhenAll(asked.Select(digests => Task.WhenAll(digests.Select(d => StatusAsync(d, cancellationToken)))));
        for (int thread = 0; thread < threads; thread++)
        {
            // In order: the first one not accepted yet is asked for again next round, with those after it.
            int found = 0;
            for (int i = 0; i < PerThread && answers[thread][i] is { } status; i++)
            {
                found++;
                Sampled++;
                _next[thread] += _step[thread];
                if (status.Anchored)
                {
                    AnchoredWhenFound++;
                }

                var sample = new Sample(asked[thread][i], status.AcceptedAt);
                if (!Record(sample, status.Anchored))
                {
                    _pending.Add(sample);
                }
            }

            _step[thread] = found == PerThread ? _step[thread] * 2 : found < PerThread / 2 ? Math.Max(stride, _step[thread] / 2) : _step[thread];
        }
    }

    private async Task CheckPendingAsync(CancellationToken cancellationToken)
    {
        var samples = _pending.ToArray();
        var stillPending = new ConcurrentBag<Sample>();
        await Parallel.ForEachAsync(samples, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (sample, ct) =>
        {
            var status = await StatusAsync(sample.Digest, ct);
            if (status is null || !Record(sample, status.Value.Anchored))
            {
                stillPending.Add(sample);
            }
        });
        _pending.Clear();
        _pending.AddRange(stillPending);
    }

    private bool Record(Sample sample, bool anchored)
    {
        if (!anchored)
        {
            return false;
        }

        _confirmed.Add(DateTimeOffset.UtcNow - sample.AcceptedAt);
        lock (_anchoredDigests)
        {
            _anchoredDigests.Add(sample.Digest);
        }

        return true;
    }

    private async Task<(bool Anchored, DateTimeOffset AcceptedAt)?> StatusAsync(string digest, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v1/documents/{digest}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = json.RootElement;
        return (root.GetProperty("status").GetString() == "anchored", root.GetProperty("acceptedAt").GetDateTimeOffset());
    }

    /// <summary>Percentiles of the confirmed samples.</summary>
    public Latencies Latencies() => Chain.Latencies.Of(_confirmed);

    private sealed record Sample(string Digest, DateTimeOffset AcceptedAt);
}
