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
    public async Task UnknownRoute_Returns404Problem()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/api/v1/nothing-here");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }
}
