using System.Text.Json;

namespace EthGov.Cli.Tests;

public class ApiKeyCommandTests
{
    [Fact]
    public async Task ApiKeyCreate_PrintsTheKeyOnce_AndTheDatabaseHoldsOnlyItsHash()
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;

        var run = await CliProcess.RunAsync(dataDir, null, "apikey", "create", "--department", "health", "--data-dir", dataDir, "--json");

        Assert.Equal(0, run.ExitCode);
        using var output = JsonDocument.Parse(run.Stdout);
        var key = output.RootElement.GetProperty("key").GetString()!;
        Assert.StartsWith("egk_", key, StringComparison.Ordinal);
        Assert.Equal("HEALTH", output.RootElement.GetProperty("department").GetString());
        var stored = Directory.GetFiles(dataDir, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).SelectMany(b => b).ToArray();
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(key[4..], System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("DROP TABLE api_keys;--")]
    [InlineData("HEALTH\nX")]
    public async Task ApiKeyCreate_BadDepartmentCode_ExitsTwo(string code)
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;

        var run = await CliProcess.RunAsync(dataDir, null, "apikey", "create", "--department", code, "--data-dir", dataDir);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }
}
