namespace EthGov.Cli.Tests;

public class ErrorHandlingTests
{
    private static Task<CliRun> Run(params string[] args) => CliProcess.RunAsync(Path.GetTempPath(), null, args);

    [Theory]
    [InlineData("status", "0x1234")]
    [InlineData("status", "not-a-digest")]
    [InlineData("verify", "/nonexistent/file.pdf")]
    [InlineData("bogus-command")]
    [InlineData("anchor")]
    [InlineData("status", "0x0000000000000000000000000000000000000000000000000000000000000001", "--rpc", "ftp://example")]
    [InlineData("revoke", "0x0000000000000000000000000000000000000000000000000000000000000001")]
    public async Task BadInput_ExitsTwoWithOneLineAndNoStackTrace(params string[] args)
    {
        var run = await Run(args);

        Assert.Equal(2, run.ExitCode);
        var lines = run.Stderr.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("ethgov: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnreachableChain_SaysSoAndExitsTwo()
    {
        var deployment = Path.Combine(Path.GetTempPath(), $"ethgov-{Guid.NewGuid():N}.json");
        File.WriteAllText(deployment, """{"chainId":31337,"registry":"0x5fbdb2315678afecb367f032d93f642f64180aa3","block":1,"genesisHash":"0x00","abiHash":"0x00","deployedAt":"2026-01-01T00:00:00Z","departments":[],"threshold":1}""");
        var port = EthGov.Testing.FreePort.Next();

        var run = await Run("status", "0x" + new string('a', 64), "--rpc", $"http://127.0.0.1:{port}", "--deployment", deployment);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unreachable", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevKey_OnAnotherChain_IsRefused()
    {
        var run = await Run("deploy", "--chain-id", "1", "--key-file", "dev:0", "--departments", EthGov.Testing.RepositoryPaths.Combine("config", "departments.dev.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("31337", run.Stderr, StringComparison.Ordinal);
    }
}
