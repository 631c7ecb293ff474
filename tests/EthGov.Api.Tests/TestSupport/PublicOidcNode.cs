using EthGov.Api.Staff;
using EthGov.Application.Staff;
using EthGov.Testing;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>
/// A chain, an OpenID Connect provider, and a node whose <c>EthGov:PublicBaseUrl</c> is <see cref="PublicBase"/>, as a
/// production node behind its reverse proxy; the provider knows only the public callback under that address.
/// </summary>
public abstract class PublicOidcNode(Uri publicBase) : IAsyncLifetime
{
    /// <summary>The address the node is published under.</summary>
    public Uri PublicBase { get; } = publicBase;

    /// <summary>The chain.</summary>
    public DevChain Chain { get; } = new();

    /// <summary>The node's provider, which knows only the public callback.</summary>
    public OidcProvider Provider { get; private set; } = null!;

    /// <summary>The node.</summary>
    public ApiHost Host { get; private set; } = null!;

    /// <summary>The node's staff accounts.</summary>
    public StaffAccounts Accounts => StaffAccounts.OpenExisting(Host.Database);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        Provider = await OidcProvider.StartAsync();
        Provider.RedirectUris.Add(StaffOidc.RedirectUriUnder(PublicBase));
        Host = await ApiHost.StartAsync(Chain, new Dictionary<string, string?>
        {
            ["EthGov:PublicBaseUrl"] = PublicBase.ToString(),
            ["EthGov:Staff:Oidc:Authority"] = Provider.Issuer.ToString(),
            ["EthGov:Staff:Oidc:ClientId"] = OidcProvider.ClientId,
            ["EthGov:Staff:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Provider.DisposeAsync();
        await Chain.DisposeAsync();
    }
}
