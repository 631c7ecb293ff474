using EthGov.Testing;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>
/// The page fixture on a node behind a reverse proxy that strips the path it is published under (<see cref="Proxy"/>):
/// the browser opens <c>http://127.0.0.1:proxyport/civil/department</c>, the node sees <c>/department</c>, and only
/// <c>EthGov:PublicBaseUrl</c> = <c>http://127.0.0.1:proxyport/civil/</c> tells it where its page lives.
/// </summary>
public sealed class StrippingProxyPageFixture : PageFixture, IAsyncLifetime
{
    /// <summary>The path the node is published under.</summary>
    public const string PathBase = "/civil";

    /// <summary>The proxy, the browser's only way to the node.</summary>
    public PathStrippingProxy Proxy { get; private set; } = null!;

    /// <summary>An absolute URL through the proxy, for <paramref name="path"/> written from the node's root (<c>/department</c>).</summary>
    public string Url(string path) => new Uri(Proxy.PublicBaseUrl, path.TrimStart('/')).ToString();

    /// <summary>Starts the proxy, then the chain, node and browser.</summary>
    public new async Task InitializeAsync()
    {
        Proxy = await PathStrippingProxy.StartAsync(PathBase);
        await base.InitializeAsync();
    }

    /// <summary>Stops everything.</summary>
    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override void Configure(ApiSettings settings)
    {
        Proxy.ForwardTo(settings.BaseUrl);
        settings.Settings["EthGov:PublicBaseUrl"] = Proxy.PublicBaseUrl.ToString();
    }
}

/// <summary>The tests behind a path-stripping proxy: their own node and proxy.</summary>
[CollectionDefinition(Name)]
public sealed class StrippingProxyPageCollection : ICollectionFixture<StrippingProxyPageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "stripping proxy page";
}
