using EthGov.Testing;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>The page fixture on a node whose department provider is configured but does not answer (nothing listens there).</summary>
public sealed class OidcDownPageFixture : PageFixture
{
    /// <inheritdoc />
    protected override void Configure(ApiSettings settings)
    {
        settings.Settings["EthGov:Staff:Oidc:Authority"] = $"http://127.0.0.1:{FreePort.Next()}/";
        settings.Settings["EthGov:Staff:Oidc:ClientId"] = OidcProvider.ClientId;
        settings.Settings["EthGov:Staff:Oidc:DisplayName"] = "Unreachable Login";
    }
}

/// <summary>The page tests with an unreachable provider: their own node, run after the shared one is done.</summary>
[CollectionDefinition(Name)]
public sealed class OidcDownPageCollection : ICollectionFixture<OidcDownPageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "oidc down page";
}
