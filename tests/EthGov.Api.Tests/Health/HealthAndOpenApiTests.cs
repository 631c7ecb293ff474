using System.Net;
using System.Text.Json;
using EthGov.Api.Tests.TestSupport;

namespace EthGov.Api.Tests.Health;

public sealed class HealthAndOpenApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Ready_ChainAndDatabaseUsable_Returns200Healthy()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("checks").TryGetProperty("database", out _));
    }

    [Fact]
    public async Task Ready_StatesWaitingBatchesAndIndexedBlockAsNumbers()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("checks");
        var waiting = checks.GetProperty("database").GetProperty("data").GetProperty("batchesWaiting");
        Assert.Equal(JsonValueKind.Number, waiting.ValueKind);
        Assert.True(waiting.GetInt64() >= 0);
        var indexed = checks.GetProperty("index").GetProperty("data").GetProperty("indexedBlock");
        Assert.Equal(JsonValueKind.Number, indexed.ValueKind);
        Assert.True(indexed.TryGetUInt64(out _));
        Assert.False(checks.GetProperty("chain").TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Live_Returns200()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryEndpointWithSummaries()
    {
        var json = await fixture.Host.CreateClient().GetStringAsync("/openapi/v1.json");

        var document = JsonSerializer.Deserialize<JsonElement>(json);
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value).ToList();
        Assert.True(operations.Count >= 20, $"only {operations.Count} operations");
        Assert.All(operations.Where(o => o.TryGetProperty("operationId", out _)), o => Assert.True(o.TryGetProperty("summary", out _)));
        Assert.Contains("\"AnchorDocumentBatch\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_ShowsResponseExamples_ForSuccessesAndProblems()
    {
        var document = JsonSerializer.Deserialize<JsonElement>(await fixture.Host.CreateClient().GetStringAsync("/openapi/v1.json"));
        var operations = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value)
            .Where(o => o.TryGetProperty("operationId", out _)).ToDictionary(o => o.GetProperty("operationId").GetString()!);

        JsonElement Example(string operation, string status, string contentType) =>
            operations[operation].GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty(contentType).GetProperty("example");

        Assert.Equal("pending", Example("AnchorDocument", "202", "application/json").GetProperty("status").GetString());
        Assert.Equal("revoked", Example("VerifyDigest", "200", "application/json").GetProperty("outcome").GetString());
        var problems = operations.Values.SelectMany(o => o.GetProperty("responses").EnumerateObject())
            .Where(r => r.Value.TryGetProperty("content", out var c) && c.TryGetProperty("application/problem+json", out _)).ToList();
        Assert.NotEmpty(problems);
        Assert.All(problems, r => Assert.StartsWith("https://ethgov.dev/problems/",
            r.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("example").GetProperty("type").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/api/v1/nothing-here");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }
}
