using EthGov.Testing;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>One fresh chain and one API host per test class, with a key for each department.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    /// <summary>The chain.</summary>
    public DevChain Chain { get; } = new();

    /// <summary>The API.</summary>
    public ApiHost Host { get; private set; } = null!;

    /// <summary>CIVIL's key.</summary>
    public string CivilKey { get; private set; } = null!;

    /// <summary>HEALTH's key.</summary>
    public string HealthKey { get; private set; } = null!;

    /// <summary>TRANSPORT's key.</summary>
    public string TransportKey { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        Host = await ApiHost.StartAsync(Chain);
        CivilKey = await Host.CreateKeyAsync("CIVIL");
        HealthKey = await Host.CreateKeyAsync("HEALTH");
        TransportKey = await Host.CreateKeyAsync("TRANSPORT");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Chain.DisposeAsync();
    }
}
