using System.Runtime.Versioning;
using System.Text.Json;
using EthGov.Testing;

namespace EthGov.Cli.Tests;

/// <summary>
/// `ethgov node` and the node entries `ethgov deploy` publishes from the departments file, on a dev chain deployed by the
/// CLI with config/departments.dev.json. Each test works on its own department: HEALTH is only read, TRANSPORT moves its
/// node, CIVIL's entry is cleared by the quorum.
/// </summary>
[UnsupportedOSPlatform("windows")]
public class NodeCommandTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    // dev:2's node public keys as Node.js derives them (see NodeKeysTests): the dev file names dev:2 for HEALTH.
    private const string Dev2Signing = "0xe329717ad38b71f866ceedc356e1fcf0c6f022685653616f2134631072b671961bbc4441d309937a6e6868dc8536924403d313ce5f485be54b4c55da81edc12c";
    private const string Dev2Encryption = "0xbe2a867d2555f16bd7d69e56294a8863d94df3f51b4b7dfeb7075c1deb70a3a049b569d760ef80c5639ba4228aee5cfd8604bcf02395d14929ee4b1781f10708";

    [Fact]
    public async Task Deploy_WithTheDevDepartmentsFile_PublishesEachDepartmentsNodeAndKeys()
    {
        var shown = await workspace.RunAsync(null, "node", "show", "HEALTH", "--json");
        var text = await workspace.RunAsync(null, "node", "show", "2");

        Assert.Equal(0, shown.ExitCode);
        var node = JsonDocument.Parse(shown.Stdout).RootElement.GetProperty("node");
        Assert.Equal("http://127.0.0.1:5081", node.GetProperty("url").GetString());
        Assert.Equal(Dev2Signing, node.GetProperty("signingKey").GetString());
        Assert.Equal(Dev2Encryption, node.GetProperty("encryptionKey").GetString());
        Assert.False(node.TryGetProperty("keyProblem", out _));
        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("department 2: node http://127.0.0.1:5081", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodePublish_WithANewKeyFile_WaitsForTheDelay_ThenKeysApplyMovesTheNode()
    {
        var keyFile = Path.Combine(workspace.Folder, $"transport-{Guid.NewGuid():N}.node");
        var generated = await workspace.RunAsync(null, "node", "keygen", "--out", keyFile, "--json");
        var keys = JsonDocument.Parse(generated.Stdout).RootElement;

        var published = await workspace.RunAsync("dev:3", "node", "publish", "--url", "https://transport.example.gov", "--node-key", keyFile + ".pub", "--json");
        var changeId = JsonDocument.Parse(published.Stdout).RootElement.GetProperty("changeId").GetString()!;
        var pending = await workspace.RunAsync(null, "node", "show", "TRANSPORT");
        var listed = await workspace.RunAsync(null, "keys", "pending", "--department", "TRANSPORT");
        var tooEarly = await workspace.RunAsync("dev:3", "keys", "apply", changeId);
        await workspace.IncreaseTimeAsync(DevChain.SignerChangeDelay);
        var applied = await workspace.RunAsync("dev:3", "keys", "apply", changeId);
        var moved = JsonDocument.Parse((await workspace.RunAsync(null, "node", "show", "TRANSPORT", "--json")).Stdout).RootElement.GetProperty("node");

        Assert.Equal(0, generated.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(keyFile + ".data", keys.GetProperty("dataKeyFile").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile + ".data"));
        Assert.Equal(64, File.ReadAllText(keyFile + ".data").Trim().Length);
        Assert.Equal(0, published.ExitCode);
        Assert.Contains("node http://127.0.0.1:5082", pending.Stdout, StringComparison.Ordinal);
        Assert.Contains($"pending change #{changeId}: node https://transport.example.gov", pending.Stdout, StringComparison.Ordinal);
        Assert.Contains($"#{changeId} department 3: publish node https://transport.example.gov", listed.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, tooEarly.ExitCode);
        Assert.Contains("SignerChangeTooEarly", tooEarly.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, applied.ExitCode);
        Assert.Equal("https://transport.example.gov", moved.GetProperty("url").GetString());
        Assert.Equal(keys.GetProperty("signingKey").GetString(), moved.GetProperty("signingKey").GetString());
        Assert.Equal(keys.GetProperty("encryptionKey").GetString(), moved.GetProperty("encryptionKey").GetString());
    }

    [Fact]
    public async Task ProposeClearNode_ApprovedByAnotherDepartment_LeavesCivilWithoutANode()
    {
        var proposed = await workspace.RunAsync("dev:2", "departments", "propose", "clear-node", "CIVIL", "--json");
        var id = JsonDocument.Parse(proposed.Stdout).RootElement.GetProperty("proposalId").GetString()!;
        var described = await workspace.RunAsync(null, "departments", "proposal", id);
        var approved = await workspace.RunAsync("dev:3", "departments", "approve", id);
        var shown = await workspace.RunAsync(null, "node", "show", "CIVIL");

        Assert.Equal(0, proposed.ExitCode);
        Assert.Contains("clear the node entry of CIVIL", described.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, approved.ExitCode);
        Assert.Equal("department 1 publishes no node", shown.Stdout.Trim());
    }

    [Theory]
    [InlineData("ftp://node.example", "dev:3", "--url 'ftp://node.example': a node URL starts with http:// or https://")]
    [InlineData("https://node.example/?next=1", "dev:3", "a node URL is a base URL: no user name, query or fragment")]
    [InlineData("https://node.example", "dev:12", "--node-key: 'dev:12' names no dev node key (dev:0 .. dev:9)")]
    [InlineData("https://node.example", "absent.node.pub", "--node-key: node key file 'absent.node.pub' does not exist")]
    public async Task NodePublish_BadUrlOrKey_FailsInOneLineWithoutSending(string url, string nodeKey, string message)
    {
        var before = await workspace.RunAsync(null, "keys", "pending", "--department", "TRANSPORT", "--json");

        var run = await workspace.RunAsync("dev:3", "node", "publish", "--url", url, "--node-key", nodeKey);
        var after = await workspace.RunAsync(null, "keys", "pending", "--department", "TRANSPORT", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before.Stdout, after.Stdout);
    }

    [Fact]
    public async Task NodePublish_ByAKeyOfNoDepartment_IsRefusedInOneLine()
    {
        var run = await workspace.RunAsync("dev:8", "node", "publish", "--url", "https://node.example", "--node-key", "dev:8");

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.Contains($"key {EthGov.Chain.Keys.DevAccounts.Get(8, 31337).Address} is not a key of any department", run.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NodeKeygen_OverAnExistingFile_FailsInOneLineAndKeepsIt()
    {
        var existing = Path.Combine(workspace.Folder, $"existing-{Guid.NewGuid():N}.node");
        File.WriteAllText(existing, "a key already in use");

        var run = await workspace.RunAsync(null, "node", "keygen", "--out", existing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"ethgov: '{existing}' exists; refusing to overwrite it", run.Stderr.Trim());
        Assert.Equal("a key already in use", File.ReadAllText(existing));
        Assert.False(File.Exists(existing + ".pub"));
        Assert.False(File.Exists(existing + ".data"));
    }

    [Fact]
    public async Task NodeShow_AnUnknownDepartment_FailsInOneLine()
    {
        var run = await workspace.RunAsync(null, "node", "show", "NOPE");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("ethgov: no department has the code 'NOPE'", run.Stderr.Trim());
    }

    [Theory]
    [InlineData("""{"url": "http://127.0.0.1:5080 ", "key": "dev:1"}""", "department CIVIL: node url 'http://127.0.0.1:5080 ': a node URL holds no spaces or control characters")]
    [InlineData("""{"url": "http://127.0.0.1:5080"}""", "department CIVIL: a node needs a url and a key")]
    [InlineData("""{"url": "http://127.0.0.1:5080", "key": "nodes/CIVIL.node.pub"}""", "department CIVIL: node key: node key file")]
    public async Task Deploy_WithABadNodeEntry_FailsNamingTheDepartmentBeforeSendingAnything(string node, string message)
    {
        var folder = Directory.CreateTempSubdirectory("ethgov-node-entry-").FullName;
        try
        {
            var departments = Path.Combine(folder, "departments.json");
            File.WriteAllText(departments, $$"""{"threshold":1,"signerChangeDelay":60,"departments":[{"code":"CIVIL","name":"Civil Registry Office","signer":"dev:1","node":{{node}}}]}""");

            // Nothing listens on port 9: a deploy that got as far as the chain would fail differently.
            var run = await CliProcess.RunAsync(folder, null, "deploy", "--departments", departments, "--rpc", "http://127.0.0.1:9", "--chain-id", "31337");

            Assert.Equal(2, run.ExitCode);
            Assert.Single(run.Stderr.Trim().Split('\n'));
            Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "deployments", "31337.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Deploy_WithADevNodeKeyOnAnotherChain_IsRefused()
    {
        var folder = Directory.CreateTempSubdirectory("ethgov-node-entry-").FullName;
        try
        {
            var departments = Path.Combine(folder, "departments.json");
            File.WriteAllText(departments, """{"threshold":1,"signerChangeDelay":60,"departments":[{"code":"CIVIL","name":"Civil Registry Office","signer":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","node":{"url":"https://civil.example.gov","key":"dev:1"}}]}""");

            var run = await CliProcess.RunAsync(folder, null, "deploy", "--departments", departments, "--rpc", "http://127.0.0.1:9", "--chain-id", "2026");

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("department CIVIL: node key: the dev node key 'dev:1' is accepted only on chain 31337, not 2026", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
