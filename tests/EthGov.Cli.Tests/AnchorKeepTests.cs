using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Application.ApiKeys;
using EthGov.Chain.Deployments;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Cli.Tests;

/// <summary><c>ethgov anchor --keep</c> against a running node: the node keeps each file and anchors it.</summary>
public sealed class AnchorKeepTests(AnchorKeepTests.RunningNode node) : IClassFixture<AnchorKeepTests.RunningNode>
{
    [Fact]
    public async Task AnchorKeep_SendsEachFileToTheNode_WhichKeepsAndAnchorsIt()
    {
        var folder = node.NewFolder();
        var files = Enumerable.Range(0, 2).Select(i => Path.Combine(folder, $"certificate-{i}.pdf")).ToList();
        foreach (var file in files)
        {
            File.WriteAllText(file, $"%PDF certificate {Guid.NewGuid():N}");
        }

        var run = await node.CliAsync(null, "anchor", folder, "--keep", "--node", node.Api.BaseUrl.ToString(), "--api-key", node.Key, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var summary = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(2, summary.GetProperty("files").GetInt32());
        Assert.Equal(2, summary.GetProperty("anchored").GetInt32());
        using var client = node.Api.Client(node.Key);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var digest = new Digest(SHA256.HashData(bytes));
            using var kept = await client.GetAsync(node.Api.Url($"/api/v1/records/{digest}"));
            Assert.Equal(System.Net.HttpStatusCode.OK, kept.StatusCode);
            Assert.Equal("application/pdf", kept.Content.Headers.ContentType?.MediaType);
            Assert.Equal(bytes, await kept.Content.ReadAsByteArrayAsync());
            var receipt = JsonDocument.Parse(File.ReadAllText(file + ".receipt.json")).RootElement;
            Assert.Equal(digest.ToString(), receipt.GetProperty("digest").GetString());
        }
    }

    [Fact]
    public async Task AnchorKeep_WithoutAnApiKey_FailsInOneLine()
    {
        var folder = node.NewFolder();
        File.WriteAllText(Path.Combine(folder, "a.txt"), "a");

        var run = await node.CliAsync(new Dictionary<string, string> { ["ETHGOV_API_KEY"] = "" }, "anchor", folder, "--keep", "--node", node.Api.BaseUrl.ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("ethgov: --keep sends the files to the department's node: give its API key with --api-key or ETHGOV_API_KEY", run.Stderr.Trim());
    }

    [Fact]
    public async Task AnchorKeep_KeyWithoutTheRecordsScope_FailsInOneLineWithTheNodesReason()
    {
        var folder = node.NewFolder();
        var file = Path.Combine(folder, "a.txt");
        File.WriteAllText(file, $"anchor only {Guid.NewGuid():N}");
        var anchorOnly = await node.Settings.CreateKeyAsync("CIVIL", ApiKeyScopes.Anchor);

        var run = await node.CliAsync(null, "anchor", folder, "--keep", "--node", node.Api.BaseUrl.ToString(), "--api-key", anchorOnly);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.StartsWith($"ethgov: {file}: the node refused it (403): The API key lacks a scope this operation needs", line, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".receipt.json"));
    }

    /// <summary>A dev chain and CIVIL's node as its own process, with a data key, and a key with every scope.</summary>
    public sealed class RunningNode : IAsyncLifetime
    {
        private readonly DevChain _chain = new();
        private readonly string _root = Directory.CreateTempSubdirectory("ethgov-keep-node-").FullName;

        /// <summary>The node's settings.</summary>
        public ApiSettings Settings { get; private set; } = null!;

        /// <summary>The node.</summary>
        public ApiProcess Api { get; private set; } = null!;

        /// <summary>A CIVIL key with every scope.</summary>
        public string Key { get; private set; } = null!;

        /// <summary>A new folder for one test's files.</summary>
        public string NewFolder() => Directory.CreateDirectory(Path.Combine(_root, Guid.NewGuid().ToString("N"))).FullName;

        /// <summary>Runs <c>ethgov</c>.</summary>
        public Task<CliRun> CliAsync(IDictionary<string, string>? environment, params string[] args)
            => CliProcess.RunAsync(Settings.DataDirectory, environment, args);

        /// <inheritdoc />
        public async Task InitializeAsync()
        {
            await _chain.InitializeAsync();
            var deploymentFile = Path.Combine(_root, "deployment.json");
            await DeploymentFile.SaveAsync(_chain.Deployment, deploymentFile);
            Settings = new ApiSettings(_chain.Node.RpcUrl, deploymentFile, Path.Combine(_root, "data")).Serving("CIVIL");
            Settings.Settings["EthGov:DataKey"] = "dev:1";
            Key = await Settings.CreateKeyAsync("CIVIL");
            Api = await ApiProcess.StartAsync(Settings);
        }

        /// <inheritdoc />
        public async Task DisposeAsync()
        {
            await Api.DisposeAsync();
            await _chain.DisposeAsync();
        }
    }
}
