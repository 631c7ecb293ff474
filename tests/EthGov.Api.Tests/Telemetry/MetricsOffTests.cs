using System.Net;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Testing;

namespace EthGov.Api.Tests.Telemetry;

/// <summary>
/// <c>EthGov:Telemetry:Metrics=false</c> removes /metrics. A class of its own: a host stopped while another host's
/// scrape is read would close ASP.NET Core's instruments of the same name that the other host's exporter shares.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsOffTests(DevChain chain) : IClassFixture<DevChain>
{
    [Fact]
    public async Task Metrics_TurnedOff_IsNotServed()
    {
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?> { ["EthGov:Telemetry:Metrics"] = "false" });

        using var response = await host.ClientWithKey(await host.CreateKeyAsync("CIVIL", ApiKeyScopes.Operator)).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
