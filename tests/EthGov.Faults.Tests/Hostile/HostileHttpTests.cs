using EthGov.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthGov.Chain.Keys;
using EthGov.Chain.Signing;
using EthGov.Core.Digests;
using EthGov.Faults.Tests.TestSupport;

namespace EthGov.Faults.Tests.Hostile;

/// <summary>
/// Over a thousand generated hostile requests against every endpoint of a real API process: each gets a 4xx
/// problem with a stable type (or, for a tampered receipt, a verdict that is not valid), none a 5xx; the process
/// stays up; the outbox and the chain are unchanged.
/// </summary>
public sealed class HostileHttpTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HostileRequests_EveryEndpoint_Get4xxProblemsAndChangeNothing()
    {
        var clock = Stopwatch.StartNew();
        await using var chain = await DeployedChain.StartAsync();
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile).Serving("CIVIL");
        var key = await settings.CreateKeyAsync("CIVIL");
        await using var api = await ApiProcess.StartAsync(settings);
        using var setup = api.Client(key);
        // Every hostile case sets its own key header (or none): this client sends no key by default.
        using var http = api.Client(timeout: TimeSpan.FromSeconds(120));

        string[] documents = [.. Enumerable.Range(0, 4).Select(_ => Digests.New())];
        (await setup.PostAsJsonAsync("/api/v1/documents/batch", new { digests = documents })).EnsureSuccessStatusCode();
        await Faults.ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(30));
        var receipt = await setup.GetStringAsync($"/api/v1/documents/{documents[0]}/receipt");

        var outbox = new OutboxDatabase(settings.DataDirectory);
        var (rows, batches, block) = (outbox.DocumentRows(), outbox.BatchRows(), await ChainAnchors.BlockNumberAsync(chain.RpcUrl));
        var cases = HostileCases.All(key, documents[0], receipt).ToList();
        var failures = new ConcurrentBag<string>();
        var byKind = new ConcurrentDictionary<string, int>();
        var byStatus = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (hostile, cancellationToken) =>
        {
            byKind.AddOrUpdate(hostile.Kind, 1, (_, n) => n + 1);
            using var request = hostile.Build();
            string status;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var code = (int)response.StatusCode;
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                status = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (code is >= 400 and < 500 && body.Length == 0 && ServerRejects(request.RequestUri!.OriginalString))
                {
                    // Kestrel answers a control character in the path or a request line over 8 KB before any EthGov code runs.
                    status += " kestrel";
                }
                else if (code is >= 400 and < 500)
                {
                    var type = mediaType == "application/problem+json" ? JsonNode.Parse(body)?["type"]?.GetValue<string>() : null;
                    if (type is null || !type.StartsWith(EthGov.Api.Problems.Problems.BaseUri, StringComparison.Ordinal))
                    {
                        failures.Add($"{hostile.Kind}: {hostile.Description}: {code} without a problem type ({mediaType})");
                    }

                    status += " " + type?[EthGov.Api.Problems.Problems.BaseUri.Length..];
                }
                else if (!(hostile.VerdictAllowed && code == 200 && JsonNode.Parse(body)?["outcome"]?.GetValue<string>() is { } outcome && outcome != "valid"))
                {
                    failures.Add($"{hostile.Kind}: {hostile.Description}: {code} {body[..Math.Min(body.Length, 200)]}");
                }
            }
            catch (HttpRequestException ex)
            {
                // Kestrel may close the connection on a body over its limit after answering; anything else is a failure.
                status = "closed";
                if (!hostile.Description.Contains("40 MB", StringComparison.Ordinal))
                {
                    failures.Add($"{hostile.Kind}: {hostile.Description}: no answer ({ex.Message} {ex.GetBaseException().Message})");
                }
            }

            byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        });

        await Task.Delay(500);
        foreach (var failure in failures.Take(400))
        {
            output.WriteLine("FAIL " + failure);
        }

        if (!api.IsRunning)
        {
            output.WriteLine("the API process died; its last lines:" + Environment.NewLine + string.Join(Environment.NewLine, api.Output.TakeLast(80)));
        }

        Assert.True(api.IsRunning, "the API process died under hostile input");
        using var live = await http.GetAsync("/health/live");
        var (rowsAfter, batchesAfter, blockAfter) = (outbox.DocumentRows(), outbox.BatchRows(), await ChainAnchors.BlockNumberAsync(chain.RpcUrl));
        var written = File.Exists("/tmp/ethgov-hostile-written") || File.Exists(Path.Combine(EthGov.Testing.RepositoryPaths.Root, "ethgov-hostile-written"));
        output.WriteLine($"{cases.Count} hostile requests: {string.Join(", ", byKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}");
        output.WriteLine($"answers: {string.Join(", ", byStatus.OrderByDescending(s => s.Value).Select(s => $"{s.Key}: {s.Value}"))}");
        output.WriteLine($"outbox rows {rows} -> {rowsAfter}, batches {batches} -> {batchesAfter}, chain block {block} -> {blockAfter}; process up: {api.IsRunning} (/health/live {(int)live.StatusCode}); " +
            $"file written by an upload name: {written}; {failures.Count} failures; {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(cases.Count >= 1_000, $"only {cases.Count} cases");
        Assert.Empty(failures);
        Assert.True(api.IsRunning);
        Assert.Equal((rows, batches, block), (rowsAfter, batchesAfter, blockAfter));
        Assert.False(written);
    }

    private static bool ServerRejects(string path) =>
        path.Length > 8_000 || path.Contains("%00", StringComparison.Ordinal) || path.Contains("%0A", StringComparison.Ordinal) || path.Contains("%01", StringComparison.Ordinal);
}
