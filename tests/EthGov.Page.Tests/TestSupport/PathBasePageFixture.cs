using EthGov.Testing;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>
/// The page fixture on a node published under a path, <c>EthGov:PublicBaseUrl</c> = <c>http://127.0.0.1:port/civil/</c>,
/// as behind a reverse proxy that passes the path on: the browser opens <c>/civil/department</c>.
/// </summary>
public sealed class PathBasePageFixture : PageFixture
{
    /// <summary>The path the node is published under.</summary>
    public const string PathBase = "/civil";

    /// <inheritdoc />
    protected override void Configure(ApiSettings settings)
        => settings.Settings["EthGov:PublicBaseUrl"] = new Uri(settings.BaseUrl, PathBase + "/").ToString();
}

/// <summary>The path-base page tests: their own node.</summary>
[CollectionDefinition(Name)]
public sealed class PathBasePageCollection : ICollectionFixture<PathBasePageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "path-base page";
}
