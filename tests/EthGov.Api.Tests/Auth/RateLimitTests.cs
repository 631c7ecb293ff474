using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Api.Tests.Auth;

public sealed class RateLimitTests(DevChain chain) : IClassFixture<DevChain>
{
    [Fact]
    public async Task AnchorDigest_OverTheKeysBudget_Returns429RateLimited()
    {
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?>
        {
            ["EthGov:RateLimit:PermitsPerSecondPerKey"] = "2",
            ["EthGov:RateLimit:BurstSeconds"] = "1",
        });
        var client = host.ClientWithKey(await host.CreateKeyAsync("CIVIL"));

        // Sent at once: one after another, a loaded machine can take long enough per request for the budget to refill.
        var responses = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(_ => client.PostAsJsonAsync("/api/v1/documents", new { digest = TestDigests.New() })));

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(limited.Headers.Contains("Retry-After"));
    }
}
