using System.Diagnostics;
using System.Text.Json;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Chain.Transactions;

namespace EthGov.Testing;

/// <summary>
/// The three dev departments each on a node of its own, on one Hardhat node, as <c>scripts/run.sh</c> runs them: the
/// nodes' ports are chosen first, the registry is deployed by <c>ethgov deploy</c> with a departments file naming each
/// node's URL and node key, then one API process per department starts with only that department's signer, its node
/// key, its URL as <c>EthGov:PublicBaseUrl</c>, private addresses allowed and its own data directory and API key.
/// Slow to start (three API processes), so share it: an xunit collection fixture starts it once per test project.
/// </summary>
/// <remarks>
/// Each department also gets a second key, its officer key (dev:4, dev:5, dev:6), for tests that act for the department
/// on chain themselves (a change of its node's URL): a transaction with the key its node sends with would look, to
/// that node, like another process sending with its key.
/// </remarks>
public sealed class NodeCluster : Xunit.IAsyncLifetime
{
    private const uint Threshold = 2;
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
    private readonly List<ClusterNode> _nodes = [];
    private readonly string _root = Directory.CreateTempSubdirectory("ethgov-cluster-").FullName;
    private HardhatNode? _chain;

    /// <summary>The chain node.</summary>
    public HardhatNode Chain => _chain ?? throw new InvalidOperationException("not started");

    /// <summary>Settings to reach the chain.</summary>
    public ChainOptions ChainOptions => new() { RpcUrl = Chain.RpcUrl, ChainId = ChainOptions.DevAccountsChainId };

    /// <summary>The registry's deployment.</summary>
    public Deployment Deployment { get; private set; } = null!;

    /// <summary>The departments file the registry was deployed with (each department's node URL and key).</summary>
    public string DepartmentsFile => Path.Combine(_root, "departments.json");

    /// <summary>The deployment file every node reads.</summary>
    public string DeploymentFile => Path.Combine(_root, "deployment.json");

    /// <summary>The nodes, in department id order: CIVIL, HEALTH, TRANSPORT.</summary>
    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <summary>The node of the department <paramref name="code"/>.</summary>
    public ClusterNode this[string code] => _nodes.Single(n => n.Code == code);

    /// <summary>A read-only registry client.</summary>
    public RegistryClient Reader() => new(ChainOptions, Deployment.Registry);

    /// <summary>The dev account of <paramref name="code"/>'s officer key (its signer's account + 3).</summary>
    public static int OfficerAccountOf(string code) => DevSigners.AccountOf(code) + 3;

    /// <summary>A client signing with <paramref name="code"/>'s officer key, a key of the department its node does not send with.</summary>
    public RegistryClient OfficerOf(string code) => new(ChainOptions, Deployment.Registry, DevAccounts.Get(OfficerAccountOf(code), ChainOptions.DevAccountsChainId));

    /// <summary>Moves the chain's clock <paramref name="seconds"/> ahead and mines a block at the new time.</summary>
    public async Task IncreaseTimeAsync(ulong seconds)
    {
        await Chain.CallAsync("evm_increaseTime", seconds);
        await Chain.CallAsync("evm_mine");
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // Nothing started may outlive a cluster that failed to start.
            await DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (_chain is not null)
        {
            await _chain.DisposeAsync();
            _chain = null;
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task StartAsync()
    {
        _chain = await HardhatNode.StartAsync();
        // The node prints every call it serves, decoded: a developer's convenience that three APIs would pay for.
        await Chain.CallAsync("hardhat_setLoggingEnabled", false);

        // Ports first, so that the departments file names the URLs the nodes will listen on.
        var departments = DevChain.Departments;
        for (int i = 0; i < departments.Count; i++)
        {
            var code = departments[i].Code;
            var data = Directory.CreateDirectory(Path.Combine(_root, "31337", code.ToLowerInvariant())).FullName;
            var settings = new ApiSettings(Chain.RpcUrl, DeploymentFile, data).Serving(code);
            _nodes.Add(new ClusterNode(code, (uint)(i + 1), settings));
        }

        await WriteDepartmentsFileAsync();
        await DeployAsync();
        Deployment = await global::EthGov.Chain.Deployments.DeploymentFile.LoadAsync(DeploymentFile);
        await AddOfficerKeysAsync();

        foreach (var node in _nodes)
        {
            node.Settings.Settings["EthGov:NodeKey"] = node.NodeKey;
            node.Settings.Settings["EthGov:DataKey"] = node.NodeKey;
            node.Settings.Settings["EthGov:PublicBaseUrl"] = node.PublicUrl;
            node.Settings.Settings["EthGov:Nodes:AllowPrivateAddresses"] = "true";
            // As scripts/run.sh: a passkey's relying party cannot be an IP address, so citizens' pages are opened on localhost.
            node.Settings.Settings["EthGov:Passkeys:Origin"] = $"http://localhost:{node.BaseUrl.Port}";
            // Tests verify on one node what another anchored a moment ago: read the chain anew for every answer
            // rather than share a read of up to Chain:MaxReadAge, which only follows the node's own transactions.
            node.Settings.Settings["Chain:MaxReadAge"] = "00:00:00";
            node.ApiKey = await node.Settings.CreateKeyAsync(node.Code);
        }

        await Task.WhenAll(_nodes.Select(n => n.StartAsync()));
    }

    private Task WriteDepartmentsFileAsync()
    {
        var file = new
        {
            threshold = Threshold,
            signerChangeDelay = DevChain.SignerChangeDelay,
            departments = DevChain.Departments.Select((d, i) => new
            {
                code = d.Code,
                name = d.Name,
                signer = _nodes[i].Settings.Signers[d.Code],
                node = new { url = _nodes[i].PublicUrl, key = _nodes[i].NodeKey },
            }),
        };
        return File.WriteAllTextAsync(DepartmentsFile, JsonSerializer.Serialize(file, s_indented));
    }

    // As an operator deploys: the built ethgov reads the departments file, node entries included.
    private async Task DeployAsync()
    {
        var cli = RepositoryPaths.Combine("src", "EthGov.Cli", "bin", ApiProcess.BuildConfiguration(), "net10.0", "ethgov.dll");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} is missing; build the solution first");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            cli, "deploy", "--rpc", Chain.RpcUrl.ToString(), "--chain-id", "31337", "--key-file", "dev:0",
            "--departments", DepartmentsFile, "--deployment", DeploymentFile,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start ethgov");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ethgov deploy exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    // Each department adds its officer key: requested by its signer with the officer key's consent, applied once the
    // signer-change delay has passed (one jump of the chain's clock for all three), before any node sends.
    private async Task AddOfficerKeysAsync()
    {
        var changes = new List<(RegistryClient Signer, System.Numerics.BigInteger ChangeId)>();
        var latest = await Chain.CallAsync("eth_getBlockByNumber", "latest", false);
        var deadline = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(latest.GetProperty("timestamp").GetString(), 16)).AddHours(1);
        var typedData = new TypedDataSigner(ChainOptions.DevAccountsChainId, Deployment.Registry);
        foreach (var node in _nodes)
        {
            var signer = new RegistryClient(ChainOptions, Deployment.Registry, DevAccounts.Get(node.DevAccount, ChainOptions.DevAccountsChainId));
            var officer = DevAccounts.Get(OfficerAccountOf(node.Code), ChainOptions.DevAccountsChainId);
            var nonce = (await signer.Documents.NonceAsync(officer.Address)).Unwrap();
            var consent = typedData.Sign(
                new SignerConsentTyped { DepartmentId = node.DepartmentId, Nonce = nonce, Deadline = deadline.ToUnixTimeSeconds() },
                DevAccounts.PrivateKey(OfficerAccountOf(node.Code)));
            var (_, changeId) = (await signer.Departments.RequestAddSignerAsync(officer.Address, deadline, consent)).Unwrap();
            changes.Add((signer, changeId));
        }

        await IncreaseTimeAsync(DevChain.SignerChangeDelay);
        foreach (var (signer, changeId) in changes)
        {
            (await signer.Departments.ApplySignerChangeAsync(changeId)).Unwrap();
        }
    }
}
