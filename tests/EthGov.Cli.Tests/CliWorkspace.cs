using EthGov.Testing;

namespace EthGov.Cli.Tests;

/// <summary>A dev chain with the registry deployed by the CLI itself, and a temp folder to work in.</summary>
public sealed class CliWorkspace : IAsyncLifetime
{
    private HardhatNode? _node;

    /// <summary>A fresh folder for this fixture's files.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("ethgov-cli-").FullName;

    /// <summary>The deployment file the CLI wrote.</summary>
    public string DeploymentPath => Path.Combine(Folder, "deployment.json");

    /// <summary>Gives <paramref name="address"/> 10 ether on the dev chain (a new key has none to pay gas with).</summary>
    public Task FundAsync(string address) => _node!.CallAsync("hardhat_setBalance", address, "0x8ac7230489e80000");

    /// <summary>Moves the chain's clock <paramref name="seconds"/> ahead and mines a block at the new time.</summary>
    public async Task IncreaseTimeAsync(ulong seconds)
    {
        await _node!.CallAsync("evm_increaseTime", seconds);
        await _node.CallAsync("evm_mine");
    }

    /// <summary>The latest block's time (tests move the chain's clock ahead of the machine's).</summary>
    public async Task<DateTimeOffset> ChainNowAsync()
    {
        var latest = await _node!.CallAsync("eth_getBlockByNumber", "latest", false);
        return DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(latest.GetProperty("timestamp").GetString(), 16));
    }

    /// <summary>The node's RPC URL.</summary>
    public string Rpc => _node!.RpcUrl.ToString();

    /// <summary>Runs ethgov against this chain and deployment, signing with <paramref name="key"/> when given.</summary>
    public Task<CliRun> RunAsync(string? key, params string[] args)
    {
        string[] common = ["--rpc", Rpc, "--deployment", DeploymentPath];
        string[] signer = key is null ? [] : ["--key-file", key];
        return CliProcess.RunAsync(Folder, null, [.. args, .. common, .. signer]);
    }

    /// <summary>Writes <paramref name="count"/> distinct small files into a new folder and returns it.</summary>
    public string NewDocuments(int count, string name)
    {
        var folder = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.Combine(folder, "nested"));
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(folder, i % 2 == 0 ? "" : "nested", $"{name}-{i}.txt"), $"{name} certificate {i} {Guid.NewGuid()}");
        }

        return folder;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _node = await HardhatNode.StartAsync();
        var departments = RepositoryPaths.Combine("config", "departments.dev.json");
        var deployed = await RunAsync(null, "deploy", "--departments", departments);
        if (deployed.ExitCode != 0)
        {
            throw new InvalidOperationException("deploy failed: " + deployed.Stderr);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
