using System.Net;
using EthGov.Api.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Api.Tests.Health;

/// <summary>
/// Readiness is open to anyone, so it must not name the JSON-RPC endpoint: node providers put credentials in its user
/// info, path or query.
/// </summary>
public sealed class ReadinessDisclosureTests : IAsyncLifetime
{
    private const string Secret = "s3cret-token";

    private readonly DevChain _chain = new();
    private TcpProxy _proxy = null!;
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        await _chain.InitializeAsync();
        _proxy = TcpProxy.Start(_chain.Node.Port);
        var url = new UriBuilder(_proxy.Url) { UserName = "ethgov", Password = Secret, Path = $"/v3/{Secret}", Query = $"key={Secret}" }.Uri;
        _host = await ApiHost.StartAsync(_chain, new Dictionary<string, string?> { ["Chain:RpcUrl"] = url.ToString() });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _proxy.DisposeAsync();
        await _chain.DisposeAsync();
    }

    [Fact]
    public async Task Ready_ChainUnreachable_SaysSoWithoutTheRpcUrlOrItsCredentials()
    {
        _proxy.Cut();
        using var client = _host.CreateClient();
        string body = string.Empty;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            // The indexer notices the outage on its next poll; the chain check at once.
            using var response = await client.GetAsync("/health/ready");
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync();
            await Task.Delay(200);
        }
        while (!body.Contains("\"index\":{\"status\":\"Unhealthy\"", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("chain unreachable", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("ethgov@", body, StringComparison.Ordinal);
        Assert.DoesNotContain(_proxy.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
    }
}
