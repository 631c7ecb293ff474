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

    /// <summary>Moves the chain's clock <paramref name="seconds"/> ahead and mines a block at the new time.</summary>
    public async Task IncreaseTimeAsync(ulong seconds)
    {
        await Node.CallAsync("evm_increaseTime", seconds);
        await Node.CallAsync("evm_mine");
    }

    /// <summary>
    /// Adds dev account <paramref name="newDevAccount"/> as a key of the department that <paramref name="signerDevAccount"/>
    /// signs for: requested with the new key's consent, then applied once the signer-change delay has passed (chain time
    /// moves ahead by it). Returns a client signing with the new key.
    /// </summary>
    public async Task<RegistryClient> AddKeyAsync(int signerDevAccount, int newDevAccount)
    {
        var signer = ClientFor(signerDevAccount);
        var joining = DevAccounts.Get(newDevAccount, 31337);
        var (departmentId, _) = (await signer.Departments.OfSignerAsync(signer.Context.SignerAddress!)).Unwrap();
        var nonce = (await signer.Documents.NonceAsync(joining.Address)).Unwrap();
        // Chain time, which tests move ahead of the clock.
        var latest = await Node.CallAsync("eth_getBlockByNumber", "latest", false);
        var deadline = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(latest.GetProperty("timestamp").GetString(), 16)).AddHours(1);
        var consent = new EthGov.Chain.Signing.TypedDataSigner(31337, Deployment.Registry).Sign(
            new EthGov.Chain.Signing.SignerConsentTyped { DepartmentId = departmentId, Nonce = nonce, Deadline = deadline.ToUnixTimeSeconds() },
            DevAccounts.PrivateKey(newDevAccount));
        var (_, changeId) = (await signer.Departments.RequestAddSignerAsync(joining.Address, deadline, consent)).Unwrap();
        await IncreaseTimeAsync(SignerChangeDelay);
        (await signer.Departments.ApplySignerChangeAsync(changeId)).Unwrap();
        return ClientFor(newDevAccount);
    }

    /// <summary>
    /// Adds <paramref name="joining"/> (any key: a keystore's, a PKCS#11 module's) as a key of the department that
    /// <paramref name="signerDevAccount"/> signs for, funded with 10 ether; its consent is an EIP-712 signature by that key.
    /// </summary>
    public async Task AddKeyAsync(int signerDevAccount, EthGov.Chain.Keys.SignerKey joining)
    {
        var signer = ClientFor(signerDevAccount);
        var (departmentId, _) = (await signer.Departments.OfSignerAsync(signer.Context.SignerAddress!)).Unwrap();
        var nonce = (await signer.Documents.NonceAsync(joining.Address)).Unwrap();
        var latest = await Node.CallAsync("eth_getBlockByNumber", "latest", false);
        var deadline = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(latest.GetProperty("timestamp").GetString(), 16)).AddHours(1);
        var consent = EthGov.Chain.Signing.SignerConsent.Create(joining, 31337, Deployment.Registry, departmentId, nonce, deadline);
        var (_, changeId) = (await signer.Departments.RequestAddSignerAsync(joining.Address, deadline, consent.Signature)).Unwrap();
        await IncreaseTimeAsync(SignerChangeDelay);
        (await signer.Departments.ApplySignerChangeAsync(changeId)).Unwrap();
        await Node.CallAsync("hardhat_setBalance", joining.Address, "0x8ac7230489e80000");
    }

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
