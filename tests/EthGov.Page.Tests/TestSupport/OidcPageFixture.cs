using EthGov.Testing;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>The page fixture on a node whose clerks may sign in through a department's OpenID Connect provider (<see cref="Provider"/>).</summary>
public sealed class OidcPageFixture : PageFixture, IAsyncLifetime
{
    /// <summary>The provider's name on the sign-in button.</summary>
    public const string ProviderName = "Civil Registry Login";

    private EthGov.Application.Storage.Database? _store;

    /// <summary>The department's provider: a real OpenID Connect server on localhost, another site than the node on 127.0.0.1.</summary>
    public OidcProvider Provider { get; private set; } = null!;

    /// <summary>The node's staff accounts.</summary>
    public EthGov.Application.Staff.StaffAccounts Accounts { get; private set; } = null!;

    /// <summary>The node's staff audit, read beside it.</summary>
    public EthGov.Application.Staff.StaffAudit Audit() => new(_store!, TimeProvider.System);

    /// <summary>Starts the provider, then the chain, node and browser.</summary>
    public new async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync();
        await base.InitializeAsync();
    }

    /// <summary>Stops everything.</summary>
    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }

    /// <inheritdoc />
    protected override void Configure(ApiSettings settings)
    {
        Provider.RedirectUris.Add(new Uri(settings.BaseUrl, EthGov.Api.Staff.StaffOidc.CallbackPath).ToString());
        Provider.PostLogoutRedirectUris.Add(new Uri(settings.BaseUrl, EthGov.Api.Staff.StaffOidc.SignedOutPath).ToString());
        settings.Settings["EthGov:Staff:Oidc:Authority"] = Provider.Issuer.ToString();
        settings.Settings["EthGov:Staff:Oidc:ClientId"] = OidcProvider.ClientId;
        settings.Settings["EthGov:Staff:Oidc:ClientSecret"] = OidcProvider.ClientSecret;
        settings.Settings["EthGov:Staff:Oidc:DisplayName"] = ProviderName;
        _store = settings.Store();
        Accounts = EthGov.Application.Staff.StaffAccounts.OpenExisting(_store);
    }
}

/// <summary>The OpenID Connect page tests: their own node and provider.</summary>
[CollectionDefinition(Name)]
public sealed class OidcPageCollection : ICollectionFixture<OidcPageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "oidc page";
}
