using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EthGov.Cli.Network;
using EthGov.Testing;
using Nethereum.Signer;
using Tomlyn;
using Tomlyn.Model;

namespace EthGov.Cli.Tests;

/// <summary>
/// Runs the <c>ethgov</c> commands of docs/besu.md as written, in a copy of the repository's Besu profile, against
/// anvil configured like that network (chain 2026, 2-second blocks, free gas, the genesis's block gas limit). The
/// steps that need Besu itself (node keys, starting nodes) cannot run here: their output, one enode file per
/// department, is made from generated keys instead.
/// </summary>
public sealed class BesuDocsTests : IAsyncLifetime
{
    private const ulong ChainId = 2026;
    private const string Password = "trial network password";

    /// <summary>The sections of docs/besu.md whose sh blocks are run, in order.</summary>
    private static readonly string[] s_runnableSections = ["### 2. Signer keys", "### 3. The network files", "## Deploying EthGov"];

    private static readonly string[] s_codes = ["CIVIL", "HEALTH", "TRANSPORT"];

    private readonly string _root = Directory.CreateTempSubdirectory("ethgov-besu-docs-").FullName;
    private NodeProcess _node = null!;

    public async Task InitializeAsync()
    {
        using var genesis = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("deploy", "besu", "genesis.template.json")));
        var gasLimit = Convert.ToUInt64(genesis.RootElement.GetProperty("gasLimit").GetString(), 16);
        _node = await AnvilNode.StartZeroGasAsync(ChainId, blockSeconds: 2, blockGasLimit: gasLimit);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task DocsCommands_RunAsWritten_DeployAnchorAndVerifyWithUnfundedKeysAndWriteMatchingNetworkFiles()
    {
        var profile = Path.Combine(_root, "deploy", "besu");
        Directory.CreateDirectory(Path.Combine(profile, "nodes"));
        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("deploy", "besu")))
        {
            File.Copy(file, Path.Combine(profile, Path.GetFileName(file)));
        }

        var nodeKeys = s_codes.ToDictionary(code => code, _ => EthECKey.GenerateKey());
        var enodes = s_codes.Select((code, i) => $"enode://{Convert.ToHexStringLower(nodeKeys[code].GetPubKeyNoPrefix())}@127.0.0.1:{30303 + i}").ToList();
        for (var i = 0; i < s_codes.Length; i++)
        {
            File.WriteAllText(Path.Combine(profile, "nodes", s_codes[i] + ".enode"), enodes[i] + "\n");
        }

        var run = await RunBashAsync(DocumentedScript());

        Assert.True(run.ExitCode == 0, $"the documented commands failed ({run.ExitCode}):\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("VALID", run.Stdout, StringComparison.Ordinal);

        var signers = s_codes.Select(code => JsonDocument.Parse(File.ReadAllText(Path.Combine(profile, "keys", code + ".json"))).RootElement.GetProperty("address").GetString()!)
            .Select(a => "0x" + a.ToLowerInvariant().Replace("0x", string.Empty, StringComparison.Ordinal)).ToList();
        using var deployment = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "deployments", "2026.json")));
        Assert.Equal(signers, deployment.RootElement.GetProperty("departments").EnumerateArray().Select(d => d.GetProperty("signer").GetString()!.ToLowerInvariant()));
        Assert.Equal("0x0", (await _node.CallAsync("eth_getBalance", signers[0], "latest")).GetString());

        using var genesis = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "network", "genesis.json")));
        var validators = QbftExtraData.DecodeValidators(genesis.RootElement.GetProperty("extraData").GetString()!);
        Assert.Equal(nodeKeys.Values.Select(k => k.GetPublicAddress().ToLowerInvariant()).Order(StringComparer.Ordinal), validators);
        Assert.Equal(2026, genesis.RootElement.GetProperty("config").GetProperty("chainId").GetInt32());

        var permissions = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Path.Combine(_root, "network", "permissions_config.toml")))!;
        Assert.Equal(signers, ((TomlArray)permissions["accounts-allowlist"]).Cast<string>());
        Assert.Equal(enodes, ((TomlArray)permissions["nodes-allowlist"]).Cast<string>());
    }

    [Fact]
    public async Task BesuNetwork_DepartmentWithoutAValidator_FailsNamingIt()
    {
        var keystore = Path.Combine(_root, "CIVIL.json");
        Assert.Equal(0, (await CliProcess.RunAsync(_root, new Dictionary<string, string> { ["ETHGOV_KEY_PASSWORD"] = Password }, "keys", "new", keystore)).ExitCode);
        var departments = Path.Combine(_root, "departments.json");
        File.WriteAllText(departments, """{"threshold":1,"departments":[{"code":"CIVIL","name":"Civil Registry Office","signer":"CIVIL.json"}]}""");

        var run = await CliProcess.RunAsync(_root, null, "besu", "network", "--departments", departments,
            "--genesis-template", RepositoryPaths.Combine("deploy", "besu", "genesis.template.json"), "--out", Path.Combine(_root, "out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("department CIVIL names no validator", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    /// <summary>The sh blocks of the runnable sections, with the documented RPC URL pointed at this test's anvil.</summary>
    private string DocumentedScript()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("docs", "besu.md"));
        var script = new StringBuilder("set -euo pipefail\n")
            .Append(CultureInfo.InvariantCulture, $"ethgov() {{ dotnet '{Path.Combine(AppContext.BaseDirectory, "ethgov.dll")}' \"$@\"; }}\n");
        foreach (var section in s_runnableSections)
        {
            var blocks = ShBlocks(lines, section);
            Assert.True(blocks.Count > 0, $"docs/besu.md has no sh block under '{section}'");
            foreach (var block in blocks)
            {
                script.AppendLine(block.Replace("127.0.0.1:8545", $"127.0.0.1:{_node.RpcUrl.Port}", StringComparison.Ordinal));
            }
        }

        return script.ToString();
    }

    private static List<string> ShBlocks(string[] lines, string heading)
    {
        var blocks = new List<string>();
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"docs/besu.md has no heading '{heading}'");
        StringBuilder? block = null;
        for (var i = start + 1; i < lines.Length; i++)
        {
            if (block is null && lines[i].StartsWith('#'))
            {
                break;
            }

            if (block is null && lines[i] == "```sh")
            {
                block = new StringBuilder();
            }
            else if (block is not null && lines[i] == "```")
            {
                blocks.Add(block.ToString());
                block = null;
            }
            else
            {
                block?.AppendLine(lines[i]);
            }
        }

        return blocks;
    }

    private async Task<CliRun> RunBashAsync(string script)
    {
        var path = Path.Combine(_root, "documented.sh");
        File.WriteAllText(path, script);
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        start.Environment.Remove("ETHGOV_KEY_PASSWORD");
        start.Environment.Remove("ETHGOV_RPC_URL");
        start.Environment.Remove("ETHGOV_GAS_PRICE_WEI");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(Password);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
