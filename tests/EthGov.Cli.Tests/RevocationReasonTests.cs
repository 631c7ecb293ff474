using System.Text.Json;

namespace EthGov.Cli.Tests;

/// <summary><c>ethgov revoke --reason</c> takes a published reason by name or number, and verdicts name it.</summary>
public class RevocationReasonTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Fact]
    public async Task Revoke_ReasonByName_IsRecordedByNumber_AndVerifyNamesIt()
    {
        var file = Directory.GetFiles(workspace.NewDocuments(1, "fraud"), "*.txt").Single();
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", file)).ExitCode);

        var revoke = await workspace.RunAsync("dev:1", "revoke", file, "--reason", "fraud", "--receipt", file + ".receipt.json");
        var text = await workspace.RunAsync(null, "verify", file);
        var json = await workspace.RunAsync(null, "verify", file, "--json");

        Assert.Equal(0, revoke.ExitCode);
        Assert.Contains("(reason fraud (4))", revoke.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("revoked by its issuing department, reason fraud (4)", text.Stdout, StringComparison.Ordinal);
        using var verdict = JsonDocument.Parse(json.Stdout);
        Assert.Equal(4, verdict.RootElement.GetProperty("facts").GetProperty("revocationReason").GetInt32());
        Assert.Equal("fraud", verdict.RootElement.GetProperty("revocationReasonName").GetString());
    }

    [Fact]
    public async Task Revoke_ReasonByNumber_JsonNamesIt()
    {
        var file = Directory.GetFiles(workspace.NewDocuments(1, "by-number"), "*.txt").Single();
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", file)).ExitCode);

        var revoke = await workspace.RunAsync("dev:1", "revoke", file, "--reason", "1", "--receipt", file + ".receipt.json", "--json");

        Assert.Equal(0, revoke.ExitCode);
        using var result = JsonDocument.Parse(revoke.Stdout);
        Assert.Equal(1, result.RootElement.GetProperty("reason").GetInt32());
        Assert.Equal("issued-in-error", result.RootElement.GetProperty("reasonName").GetString());
    }

    [Theory]
    [InlineData("frod")]
    [InlineData("42")]
    public async Task Revoke_ReasonNotOnTheList_FailsInOneLineWithExitTwo_AndRevokesNothing(string reason)
    {
        var file = Directory.GetFiles(workspace.NewDocuments(1, "unlisted-" + reason), "*.txt").Single();
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", file)).ExitCode);

        var revoke = await workspace.RunAsync("dev:1", "revoke", file, "--reason", reason, "--receipt", file + ".receipt.json");
        var verify = await workspace.RunAsync(null, "verify", file);

        Assert.Equal(2, revoke.ExitCode);
        var line = Assert.Single(revoke.Stderr.Trim().Split('\n'));
        Assert.StartsWith($"ethgov: --reason: '{reason}' is not a listed revocation reason; use one of unspecified (0), ", line, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("VALID", verify.Stdout, StringComparison.Ordinal);
    }
}
