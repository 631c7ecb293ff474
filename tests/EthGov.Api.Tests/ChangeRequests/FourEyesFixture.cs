using EthGov.Api.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Api.Tests.ChangeRequests;

/// <summary>A chain and an API host that requires a second clerk for every revocation and supersession.</summary>
public sealed class FourEyesFixture : IAsyncLifetime
{
    /// <summary>The chain.</summary>
    public DevChain Chain { get; } = new();

    /// <summary>The API, with EthGov:Workspace:RevocationApprovals = 1.</summary>
    public ApiHost Host { get; private set; } = null!;

    /// <summary>CIVIL's key, with every scope.</summary>
    public string CivilKey { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        Host = await ApiHost.StartAsync(Chain, new Dictionary<string, string?> { ["EthGov:Workspace:RevocationApprovals"] = "1" });
        CivilKey = await Host.CreateKeyAsync("CIVIL");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Chain.DisposeAsync();
    }
}
