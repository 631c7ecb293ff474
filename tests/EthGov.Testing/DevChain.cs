using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;

namespace EthGov.Testing;

/// <summary>
/// A fresh Hardhat node with the registry deployed for three departments (CIVIL = dev:1, HEALTH = dev:2,
/// TRANSPORT = dev:3, threshold 2, signer changes after <see cref="SignerChangeDelay"/> seconds), deployed by dev:0.
/// Use one per test class through <see cref="Xunit.IAsyncLifetime"/>.
/// </summary>
public sealed class DevChain : Xunit.IAsyncLifetime
{
    private HardhatNode? _node;

    /// <summary>The running node.</summary>
    public HardhatNode Node => _node ?? throw new InvalidOperationException("not started");

    /// <summary>The deployment made on it.</summary>
    public Deployment Deployment { get; private set; } = null!;

    /// <summary>Settings to reach it.</summary>
    public ChainOptions Options => new() { RpcUrl = Node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId };

    /// <summary>The signer-change delay of the dev deployment, as in config/departments.dev.json (tests move chain time past it).</summary>
    public const ulong SignerChangeDelay = 60;

    /// <summary>The initial departments, in id order.</summary>
    public static IReadOnlyList<DepartmentSeed> Departments { get; } =
    [
        new("CIVIL", "Civil Registry Office", DevAccounts.Get(1, 31337).Address),
        new("HEALTH", "Department of Health", DevAccounts.Get(2, 31337).Address),
        new("TRANSPORT", "Transport Licensing Authority", DevAccounts.Get(3, 31337).Address),
    ];

    /// <summary>A client signing with dev account <paramref name="devAccount"/> (1-3 are department signers).</summary>
    public RegistryClient ClientFor(int devAccount) => new(Options, Deployment.Registry, DevAccounts.Get(devAccount, 31337));

    /// <summary>A read-only client.</summary>
    public RegistryClient Reader() => new(Options, Deployment.Registry);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _node = await HardhatNode.StartAsync();
        Deployment = (await RegistryDeployer.DeployAsync(Options, DevAccounts.Get(0, 31337), Departments, 2, SignerChangeDelay)).Unwrap();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
