using EthGov.Chain.Bindings;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Core.Digests;

namespace EthGov.Cli.Tests;

/// <summary>
/// Every command that takes a time refuses one before 1970 (it used to wrap around to the far future on chain) or after
/// 9999 with one line, and a time the chain holds beyond 9999 reads as the last second of 9999, not as a crash.
/// </summary>
public class TimeOptionTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    private const string Before1970 = "1969-07-20T20:17:40Z";
    private const string After9999 = "10000-01-01T00:00:00Z";

    public static TheoryData<string, string[]> Commands(string time) => new()
    {
        { "--deadline", ["departments", "propose", "threshold", "2", "--deadline", time] },
        { "--expires", ["grant", "create", "--record", "0x" + new string('1', 64), "--grantee", "HEALTH", "--purpose", "1", "--expires", time, "--legal-basis", "law 1"] },
        { "--valid-until", ["supersede", "0x" + new string('2', 64), "0x" + new string('3', 64), "--valid-until", time] },
    };

    public static TheoryData<string, string[]> CommandsBefore1970() => Commands(Before1970);

    public static TheoryData<string, string[]> CommandsAfter9999() => Commands(After9999);

    [Theory]
    [MemberData(nameof(CommandsBefore1970))]
    public async Task TimeBefore1970_ExitsTwoNamingTheOption_AndSendsNothing(string option, string[] args)
    {
        var blockBefore = await BlockNumberAsync();

        var run = await workspace.RunAsync("dev:1", args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.StartsWith($"ethgov: {option} must be in the future", line, StringComparison.Ordinal);
        Assert.Equal(blockBefore, await BlockNumberAsync());
    }

    [Theory]
    [MemberData(nameof(CommandsAfter9999))]
    public async Task TimeAfter9999_ExitsTwoWithOneLine(string option, string[] args)
    {
        var run = await workspace.RunAsync("dev:1", args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.Contains(option, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_DocumentValidBeyond9999OnChain_IsValidUntilTheLastSecondOf9999()
    {
        // Any client may anchor with a uint64 validUntil; 2^40 seconds is in the year 36812.
        var digest = new Digest(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var deployment = await DeploymentFile.LoadAsync(workspace.DeploymentPath);
        var web3 = new Nethereum.Web3.Web3(DevAccounts.Get(3, 31337), workspace.Rpc);
        var sent = await web3.Eth.GetContractTransactionHandler<AnchorFunction>()
            .SendRequestAndWaitForReceiptAsync(deployment.Registry, new AnchorFunction { Digest = digest.ToArray(), ValidUntil = 1UL << 40 });
        Assert.Equal(1UL, (ulong)sent.Status.Value);

        var run = await workspace.RunAsync(null, "status", digest.ToString());

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("9999-12-31T23:59:59Z", run.Stdout, StringComparison.Ordinal);
    }

    private async Task<string> BlockNumberAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(workspace.Rpc, new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}""", System.Text.Encoding.UTF8, "application/json"));
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("result").GetString()!;
    }
}
