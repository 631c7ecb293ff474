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

    [Fact]
    public async Task ApiKeyCreate_WithoutScope_MayOnlyAnchor_AndSaysSo()
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;

        var run = await Cli(dataDir, "apikey", "create", "--department", "CIVIL");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("scope anchor:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("least privilege", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["anchor"], Scopes((await List(dataDir)).Single()));
    }

    [Fact]
    public async Task ApiKeyCreate_WithScopes_HoldsExactlyThose()
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;

        var comma = await Cli(dataDir, "apikey", "create", "--department", "CIVIL", "--scope", "revoke,Grants", "--json");
        var repeated = await Cli(dataDir, "apikey", "create", "--department", "CIVIL", "--scope", "governance", "--scope", "anchor", "--json");

        Assert.Equal(0, comma.ExitCode);
        Assert.Equal(0, repeated.ExitCode);
        var keys = await List(dataDir);
        Assert.Equal(["revoke", "grants"], Scopes(keys[0]));
        Assert.Equal(["anchor", "governance"], Scopes(keys[1]));
    }

    [Fact]
    public async Task ApiKeyCreate_OperatorScope_HoldsOnlyOperator()
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;

        var run = await Cli(dataDir, "apikey", "create", "--department", "CIVIL", "--scope", "operator", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["operator"], Scopes((await List(dataDir)).Single()));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("anchor,all")]
    [InlineData(",")]
    public async Task ApiKeyCreate_UnknownOrNoScope_ExitsTwo_AndCreatesNothing(string scope)
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;
        await Cli(dataDir, "apikey", "create", "--department", "CIVIL", "--scope", "anchor");

        var run = await Cli(dataDir, "apikey", "create", "--department", "CIVIL", "--scope", scope);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.Single(await List(dataDir));
    }

    [Fact]
    public async Task ApiKeyList_ShowsIdDepartmentScopesCreatedLastUsedRevoked_NeverTheSecret()
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;
        var secret = JsonDocument.Parse((await Cli(dataDir, "apikey", "create", "--department", "HEALTH", "--scope", "grants", "--json")).Stdout)
            .RootElement.GetProperty("key").GetString()!;

        var text = await Cli(dataDir, "apikey", "list");
        var json = await Cli(dataDir, "apikey", "list", "--json");

        Assert.Equal(0, text.ExitCode);
        var row = text.Stdout.Split('\n')[1];
        Assert.Matches(@"^\s+1\s+HEALTH\s+grants\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+never\s+no\s*$", row);
        var key = Assert.Single(JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray());
        Assert.Equal(1, key.GetProperty("id").GetInt64());
        Assert.False(key.GetProperty("revoked").GetBoolean());
        Assert.True(key.TryGetProperty("createdAt", out _));
        Assert.False(key.TryGetProperty("lastUsedAt", out _));
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
        foreach (var output in new[] { text.Stdout, json.Stdout })
        {
            Assert.DoesNotContain(secret[4..], output, StringComparison.Ordinal);
            Assert.DoesNotContain(hash[..16], output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task ApiKeyRevoke_MarksTheKeyRevoked_ASecondRevokeSaysSo()
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;
        await Cli(dataDir, "apikey", "create", "--department", "CIVIL");

        var revoked = await Cli(dataDir, "apikey", "revoke", "1");
        var again = await Cli(dataDir, "apikey", "revoke", "1");

        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("revoked", revoked.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already revoked", again.Stdout, StringComparison.Ordinal);
        var key = (await List(dataDir)).Single();
        Assert.True(key.GetProperty("revoked").GetBoolean());
        Assert.True(key.TryGetProperty("revokedAt", out _));
    }

    [Theory]
    [InlineData("revoke", "7", "there is no API key 7")]
    [InlineData("rotate", "7", "there is no API key 7")]
    [InlineData("revoke", "one", "'one' is not an API key id")]
    [InlineData("rotate", "0", "'0' is not an API key id")]
    public async Task ApiKeyRevokeOrRotate_NoSuchKey_ExitsTwoWithOneLine(string command, string id, string error)
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;
        await Cli(dataDir, "apikey", "create", "--department", "CIVIL");

        var run = await Cli(dataDir, "apikey", command, id);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"ethgov: {error}", run.Stderr.Trim().Split('\n').Single()[..(error.Length + 8)]);
        Assert.False((await List(dataDir)).Single().GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task ApiKeyList_DataDirectoryWithoutDatabase_ExitsTwo_AndCreatesNothing()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ethgov-no-such-" + Guid.NewGuid().ToString("N"));

        var run = await CliProcess.RunAsync(Path.GetTempPath(), null, "apikey", "list", "--data-dir", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no EthGov database", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task ApiKeyRotate_NewSecret_SameIdAndScopes_RevokedKeyCannotBeRotated()
    {
        var dataDir = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;
        var created = JsonDocument.Parse((await Cli(dataDir, "apikey", "create", "--department", "CIVIL", "--scope", "anchor,revoke", "--json")).Stdout).RootElement;

        var rotated = await Cli(dataDir, "apikey", "rotate", "1", "--json");
        await Cli(dataDir, "apikey", "revoke", "1");
        var afterRevoke = await Cli(dataDir, "apikey", "rotate", "1");

        Assert.Equal(0, rotated.ExitCode);
        var result = JsonDocument.Parse(rotated.Stdout).RootElement;
        Assert.Equal(1, result.GetProperty("id").GetInt64());
        Assert.StartsWith("egk_", result.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(created.GetProperty("key").GetString(), result.GetProperty("key").GetString());
        Assert.Equal(["anchor", "revoke"], result.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!));
        Assert.Equal(2, afterRevoke.ExitCode);
        Assert.Contains("revoked", afterRevoke.Stderr, StringComparison.Ordinal);
    }

    private static Task<CliRun> Cli(string dataDir, params string[] args) => CliProcess.RunAsync(dataDir, null, [.. args, "--data-dir", dataDir]);

    private static async Task<JsonElement[]> List(string dataDir)
    {
        var run = await Cli(dataDir, "apikey", "list", "--json");
        Assert.Equal(0, run.ExitCode);
        return [.. JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray()];
    }

    private static string[] Scopes(JsonElement key) => [.. key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!)];
}
