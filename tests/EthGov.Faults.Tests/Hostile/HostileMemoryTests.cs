using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using EthGov.Faults.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Faults.Tests.Hostile;

/// <summary>
/// The reproduced memory amplification, against the real API process: an anonymous 6 MB verification body whose
/// receipt holds a proof of 3,000,000 elements. It used to take 5.4 s, answer 220 MB listing 3,000,010 problems and
/// grow the process from 0.2 to 1.1 GB. The process's peak resident memory is read from /proc around the request.
/// </summary>
public sealed class HostileMemoryTests(ITestOutputHelper output)
{
    private const long MaxGrowthBytes = 100L * 1024 * 1024;

    [Fact]
    public async Task VerifyWithThreeMillionProofElements_Answers400Under16KB_AndGrowsTheProcessUnder100MB()
    {
        await using var chain = await DeployedChain.StartAsync();
        // Only verification is asked of it: a node that signs for no department.
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile);
        await using var api = await ApiProcess.StartAsync(settings);
        using var http = api.Client(timeout: TimeSpan.FromMinutes(2));
        var body = Encoding.UTF8.GetBytes("{\"receipt\":{\"version\":1,\"batch\":{\"proof\":[" + string.Join(",", Enumerable.Repeat("0", 3_000_000)) + "]}}}");

        // Warm up with ordinary verifications, so start-up and first-call allocations are behind the measurement.
        for (int i = 0; i < 3; i++)
        {
            using var warm = await http.PostAsync("/api/v1/verify", Json($$"""{ "digest": "{{Digests.New()}}" }"""));
            warm.EnsureSuccessStatusCode();
        }

        var before = ProcessMemory.Resident(api.Id);
        var peakReset = ProcessMemory.ResetPeak(api.Id);
        long sampledPeak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                sampledPeak = Math.Max(sampledPeak, ProcessMemory.Resident(api.Id));
                await Task.Delay(5);
            }
        });

        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/api/v1/verify", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        var answer = await response.Content.ReadAsStringAsync();
        clock.Stop();
        await Task.Delay(200);
        await sampling.CancelAsync();
        await sampler;
        var peak = Math.Max(sampledPeak, peakReset ? ProcessMemory.Peak(api.Id) : 0);
        var after = ProcessMemory.Resident(api.Id);

        output.WriteLine($"{body.Length:N0}-byte body -> {(int)response.StatusCode} in {clock.ElapsedMilliseconds:N0} ms, {Encoding.UTF8.GetByteCount(answer):N0}-byte answer");
        output.WriteLine($"resident memory: {Mb(before)} before, {Mb(peak)} at the peak (growth {Mb(peak - before)}), {Mb(after)} after" +
            $" (peak from {(peakReset ? "VmHWM after a reset and" : string.Empty)} 5 ms samples of VmRSS)");
        output.WriteLine($"answer: {answer[..Math.Min(answer.Length, 400)]}");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("https://ethgov.dev/problems/invalid-receipt", JsonNode.Parse(answer)!["type"]!.GetValue<string>());
        Assert.True(Encoding.UTF8.GetByteCount(answer) < 16 * 1024, $"{answer.Length} characters in the answer");
        Assert.True(peak - before < MaxGrowthBytes, $"the process grew by {Mb(peak - before)}");
        Assert.True(api.IsRunning);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):F1} MB";
}
