using System.Globalization;
using System.Text.Json;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Testing;
using Microsoft.Extensions.Logging;
using Nethereum.Signer;
using Nethereum.Web3.Accounts;

namespace EthGov.Chain.Tests.Transactions;

/// <summary>
/// anvil with the registry deployed for one department, CIVIL, whose key the tests send with: Hardhat's dev account 1 on
/// chain 31337, or on a zero-gas network (chain 2026, like the Besu profile) a fresh key that holds no ether. It can be
/// restarted on the same port with its chain and an empty pool when started with a state file.
/// </summary>
internal sealed class AnvilRegistry : IAsyncDisposable
{
    private readonly AnvilSettings _settings;
    private readonly Account _department;

    private AnvilRegistry(AnvilSettings settings, NodeProcess node, Deployment deployment, Account department)
    {
        _settings = settings;
        Node = node;
        Deployment = deployment;
        _department = department;
    }

    /// <summary>The running node.</summary>
    public NodeProcess Node { get; private set; }

    /// <summary>The registry's deployment.</summary>
    public Deployment Deployment { get; }

    /// <summary>The department's signer address.</summary>
    public string Signer => _department.Address;

    /// <summary>Starts anvil as <paramref name="settings"/> say (on a fixed port, so a restart answers where it did) and deploys the registry.</summary>
    public static async Task<AnvilRegistry> StartAsync(AnvilSettings settings)
    {
        settings = settings with { Port = settings.Port ?? FreePort.Next() };
        var node = await AnvilNode.StartAsync(settings);
        try
        {
            var deployer = settings.ZeroGas ? Penniless(settings.ChainId) : DevAccounts.Get(0, settings.ChainId);
            var department = settings.ZeroGas ? Penniless(settings.ChainId) : DevAccounts.Get(1, settings.ChainId);
            var options = new ChainOptions { RpcUrl = node.RpcUrl, ChainId = settings.ChainId, GasPriceWei = settings.ZeroGas ? 0 : null };
            var deployment = (await RegistryDeployer.DeployAsync(options, deployer, [new DepartmentSeed("CIVIL", "Civil Registry Office", department.Address)], 1, 0, null)).Unwrap();
            return new AnvilRegistry(settings, node, deployment, department);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Chain settings for this node: short receipt timeout so a stuck sender fails the test in seconds, not minutes.</summary>
    public ChainOptions Options(TimeSpan? stuckAfter = null) => new()
    {
        RpcUrl = Node.RpcUrl,
        ChainId = _settings.ChainId,
        GasPriceWei = _settings.ZeroGas ? 0 : null,
        ReceiptTimeout = TimeSpan.FromSeconds(15),
        StuckAfter = stuckAfter ?? TimeSpan.FromSeconds(20),
    };

    /// <summary>A client that signs for CIVIL and logs to <paramref name="logger"/>.</summary>
    public RegistryClient Department(ChainOptions options, ILogger logger) => new(options, Deployment.Registry, _department, logger: logger);

    /// <summary>One JSON-RPC call.</summary>
    public Task<JsonElement> CallAsync(string method, params object[] parameters) => Node.CallAsync(method, parameters);

    /// <summary>The transaction <paramref name="hash"/> as the node reports it.</summary>
    public Task<JsonElement> TransactionAsync(string hash) => CallAsync("eth_getTransactionByHash", hash);

    /// <summary>The department's transactions in the node's pool, by nonce.</summary>
    public async Task<IReadOnlyDictionary<ulong, JsonElement>> PoolAsync()
    {
        var content = await CallAsync("txpool_content");
        var found = new Dictionary<ulong, JsonElement>();
        foreach (var part in new[] { "pending", "queued" })
        {
            foreach (var sender in content.GetProperty(part).EnumerateObject().Where(s => string.Equals(s.Name, Signer, StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var entry in sender.Value.EnumerateObject())
                {
                    found[ulong.Parse(entry.Name, CultureInfo.InvariantCulture)] = entry.Value;
                }
            }
        }

        return found;
    }

    /// <summary>Waits until the pool holds the department's transaction at <paramref name="nonce"/>; returns it.</summary>
    public async Task<JsonElement> WaitInPoolAsync(ulong nonce)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if ((await PoolAsync()).TryGetValue(nonce, out var transaction))
            {
                return transaction;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no transaction at nonce {nonce} reached the pool");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the node as an operator would (it saves its chain) and starts it again on the same port: same chain, empty pool.</summary>
    public async Task RestartAsync()
    {
        await Node.StopAsync();
        await Node.DisposeAsync();
        Node = await AnvilNode.StartAsync(_settings);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Node.DisposeAsync();

    /// <summary>A hex quantity of a JSON-RPC answer as a number.</summary>
    public static System.Numerics.BigInteger Quantity(JsonElement value) => System.Numerics.BigInteger.Parse("0" + value.GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static Account Penniless(ulong chainId) => new(EthECKey.GenerateKey().GetPrivateKeyAsBytes(), (long)chainId);
}
