using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;
using EthGov.LoadTest.Chain;

namespace EthGov.LoadTest.Api;

/// <summary>Verification at a fixed request rate: every answer checked against what it should say.</summary>
internal sealed record PacedVerificationResult(
    int RatePerSecond,
    double Seconds,
    int Requests,
    double RequestsPerSecond,
    int Failures,
    int WrongAnswers,
    string? FirstProblem,
    Latencies Latency);

/// <summary>A few answers compared with the chain read directly (not through the API).</summary>
internal sealed record SpotCheckResult(int Checked, int Consistent, IReadOnlyList<string> Mismatches);

/// <summary>
/// GET /api/v1/verify/{digest} over a known set: digests the API confirmed (the answer must be <c>valid</c>,
/// issued by CIVIL) and digests nobody anchored (<c>unknown</c>).
/// </summary>
internal sealed class VerificationLoad(HttpClient http, IReadOnlyList<string> anchored, IReadOnlyList<string> unknown)
{
    private readonly string[] _all = [.. anchored, .. unknown];
    private readonly HashSet<string> _anchored = [.. anchored];

    /// <summary>Writes the digests one per line for bench/wrk/verify.lua.</summary>
    public Task WriteListAsync(string path, CancellationToken cancellationToken)
        => File.WriteAllLinesAsync(path, Shuffled(), cancellationToken);

    /// <summary>
    /// Sends <paramref name="rate"/> requests a second for <paramref name="duration"/> on a fixed schedule (open loop):
    /// latency runs from each request's scheduled time, so a slow answer cannot hide the queue behind it.
    /// </summary>
    public async Task<PacedVerificationResult> RunPacedAsync(int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        int total = (int)(rate * duration.TotalSeconds);
        var order = Shuffled();
        var latencies = new ConcurrentBag<TimeSpan>();
        int failures = 0, wrong = 0;
        string? firstProblem = null;
        var tasks = new List<Task>(total);
        long start = Stopwatch.GetTimestamp();
        int sent = 0;
        while (sent < total)
        {
            int due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                long scheduled = start + (long)(sent * (double)Stopwatch.Frequency / rate);
                var digest = order[sent % order.Length];
                tasks.Add(Task.Run(async () =>
                {
                    var problem = await VerifyOnceAsync(digest, cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(scheduled));
                    if (problem is not null)
                    {
                        if (problem.StartsWith("wrong", StringComparison.Ordinal))
                        {
                            Interlocked.Increment(ref wrong);
                        }
                        else
                        {
                            Interlocked.Increment(ref failures);
                        }

                        Interlocked.CompareExchange(ref firstProblem, problem, null);
                    }
                }, cancellationToken));
            }

            await Task.Delay(1, cancellationToken);
        }

        await Task.WhenAll(tasks);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new PacedVerificationResult(rate, Math.Round(seconds, 3), total, Math.Round(total / seconds, 1), failures, wrong, firstProblem, Latencies.Of(latencies));
    }

    /// <summary>
    /// Compares the API's answers for <paramref name="count"/> digests with the registry read directly: batch members
    /// through <c>CheckInBatchAsync</c> with the proof of their receipt (the chain checks the proof), others with <c>CheckAsync</c>.
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
                var read = receipt?.Batch is { } batch
                    ? await chain.Documents.CheckInBatchAsync(batch.Root, parsed, batch.Proof)
                    : await chain.Documents.CheckAsync(parsed);
                if (!read.IsSuccess)
                {
                    mismatches.Add($"{digest}: the chain could not be read ({read.Error})");
                    continue;
                }

                facts = read.Value;
            }
            else
            {
                var read = await chain.Documents.CheckAsync(parsed);
                if (!read.IsSuccess)
                {
                    mismatches.Add($"{digest}: the chain could not be read ({read.Error})");
                    continue;
                }

                facts = read.Value;
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

    private async Task<string?> VerifyOnceAsync(string digest, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await VerifyAsync(digest, cancellationToken);
            string expected = _anchored.Contains(digest) ? "valid" : "unknown";
            return answer.Outcome == expected ? null : $"wrong answer for {digest}: {answer.Outcome}, expected {expected}";
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException)
        {
            return $"{digest}: {ex.Message}";
        }
    }

    private async Task<(string? Outcome, string? Department, ulong Block)> VerifyAsync(string digest, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v1/verify/{digest}", cancellationToken);
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
