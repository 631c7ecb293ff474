using System.Diagnostics;
using System.Net.Http.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Testing;
using Xunit.Abstractions;
using OpenTelemetry.Trace;

namespace EthGov.Api.Tests.Telemetry;

/// <summary>
/// Traces from a request to its batch and its transaction, through an in-memory exporter on a host that records spans,
/// against a real chain.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TracesTests(DevChain chain, ITestOutputHelper output) : IClassFixture<DevChain>
{
    [Fact]
    public async Task Batch_FormedFromTwoRequests_LinksToBothRequestSpans_AndItsTransactionSpanIsItsChild()
    {
        // The batch starts once its three documents wait, never on a timer: on a loaded machine a one-second interval
        // could fall between the two requests and split them into two batches.
        var spans = new SpanCollection();
        await using var host = await ApiHost.StartAsync(chain,
            new Dictionary<string, string?> { ["EthGov:Telemetry:Traces"] = "true", ["EthGov:Outbox:BatchInterval"] = "00:10:00", ["EthGov:Outbox:BatchSize"] = "3" },
            services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        using var civil = host.ClientWithKey(await host.CreateKeyAsync("CIVIL"));
        var first = TestDigests.New();
        var second = TestDigests.New();
        var firstTrace = ActivityTraceId.CreateRandom();
        var secondTrace = ActivityTraceId.CreateRandom();

        await PostAsync(civil, firstTrace, new { digests = new[] { first } });
        await PostAsync(civil, secondTrace, new { digests = new[] { second, TestDigests.New() } });
        await host.WaitAnchoredAsync(first);
        await host.WaitAnchoredAsync(second);

        var requests = await WaitForAsync(spans, s => s.Kind == ActivityKind.Server && (s.TraceId == firstTrace || s.TraceId == secondTrace), 2);
        var anchor = (await WaitForAsync(spans, s => s.OperationName == "batch.anchor" && LinksTo(s, requests), 1)).Single();
        var formed = spans.Snapshot().Single(s => s.OperationName == "batch.form" && s.SpanId == anchor.ParentSpanId);
        output.WriteLine($"requests {string.Join(", ", requests.Select(r => $"{r.TraceId}/{r.SpanId}"))}");
        output.WriteLine($"batch.form {formed.TraceId}/{formed.SpanId} links {string.Join(", ", formed.Links.Select(l => $"{l.Context.TraceId}/{l.Context.SpanId}"))}; tags {string.Join(", ", formed.TagObjects.Select(t => $"{t.Key}={t.Value}"))}");
        output.WriteLine($"batch.anchor {anchor.TraceId}/{anchor.SpanId} parent {anchor.ParentSpanId}; tags {string.Join(", ", anchor.TagObjects.Select(t => $"{t.Key}={t.Value}"))}");

        Assert.True(LinksTo(formed, requests), "the batch's formation links to both requests");
        Assert.Equal(default, formed.ParentSpanId);
        Assert.Equal(formed.TraceId, anchor.TraceId);
        Assert.Equal(3, formed.GetTagItem("ethgov.batch.documents"));
        Assert.Equal(2, formed.GetTagItem("ethgov.batch.requests"));
        Assert.StartsWith("0x", (string)anchor.GetTagItem("ethgov.transaction.hash")!, StringComparison.Ordinal);
        Assert.Equal(ActivityStatusCode.Unset, anchor.Status);
    }

    [Fact]
    public async Task Requests_WithTracesOff_LeaveNoSpan()
    {
        var spans = new SpanCollection();
        await using var host = await ApiHost.StartAsync(chain,
            services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        using var civil = host.ClientWithKey(await host.CreateKeyAsync("CIVIL"));
        var digest = TestDigests.New();

        await PostAsync(civil, ActivityTraceId.CreateRandom(), new { digests = new[] { digest } });
        await host.WaitAnchoredAsync(digest);

        Assert.Empty(spans.Snapshot());
    }

    private static async Task PostAsync(HttpClient client, ActivityTraceId trace, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents/batch") { Content = JsonContent.Create(body) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static bool LinksTo(Activity span, IEnumerable<Activity> requests)
        => requests.All(r => span.Links.Any(l => l.Context.TraceId == r.TraceId && l.Context.SpanId == r.SpanId));

    private static async Task<List<Activity>> WaitForAsync(SpanCollection spans, Func<Activity, bool> match, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var found = spans.Snapshot().Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, found.Count);
                return found;
            }

            await Task.Delay(100);
        }
    }
}
