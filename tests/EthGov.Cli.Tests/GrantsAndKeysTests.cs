using System.Text.Json;

namespace EthGov.Cli.Tests;

public class GrantsAndKeysTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Fact]
    public async Task GrantCreate_ThenAccessLogByGrantee_ThenListShowsTheGrant()
    {
        // A legal-basis grant is for a record the grantor department anchored: CIVIL anchors it first.
        var folder = workspace.NewDocuments(2, "granted");
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", folder)).ExitCode);
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.TopDirectoryOnly).Single();
        var record = (await EthGov.Core.Digests.DocumentHasher.HashFileAsync(file)).ToString();

        var created = await workspace.RunAsync("dev:1", "grant", "create", "--record", record, "--grantee", "HEALTH", "--receipt", file + ".receipt.json",
            "--purpose", "3", "--expires", DateTimeOffset.UtcNow.AddDays(30).ToString("O"), "--legal-basis", "Public Health Act s.12", "--json");
        Assert.Equal(0, created.ExitCode);
        var grantId = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("grantId").GetString()!;

        var logged = await workspace.RunAsync("dev:2", "access", "log", grantId);
        var refused = await workspace.RunAsync("dev:3", "access", "log", grantId);
        var listed = await workspace.RunAsync(null, "grant", "list", "--record", record, "--json");

        Assert.Equal(0, logged.ExitCode);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("NotGrantee", refused.Stderr, StringComparison.Ordinal);
        var grants = JsonDocument.Parse(listed.Stdout).RootElement;
        Assert.Equal(1, grants.GetArrayLength());
        Assert.Equal(2, grants[0].GetProperty("granteeDepartment").GetInt32());
    }

    [Theory]
    [InlineData("health-care", 2)]
    [InlineData("Statistics-Research", 6)]
    [InlineData("4", 4)]
    public async Task GrantCreate_PurposeByNameOrNumber_RecordsItsNumber_AndTheListNamesIt(string given, int number)
    {
        var folder = workspace.NewDocuments(1, $"purpose-{number}");
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", folder)).ExitCode);
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.TopDirectoryOnly).Single();
        var record = (await EthGov.Core.Digests.DocumentHasher.HashFileAsync(file)).ToString();

        var created = await workspace.RunAsync("dev:1", "grant", "create", "--record", record, "--grantee", "HEALTH", "--receipt", file + ".receipt.json",
            "--purpose", given, "--expires", DateTimeOffset.UtcNow.AddDays(30).ToString("O"), "--legal-basis", "Public Health Act s.12", "--json");
        var listedJson = await workspace.RunAsync(null, "grant", "list", "--record", record, "--json");
        var listedText = await workspace.RunAsync(null, "grant", "list", "--record", record);

        Assert.True(created.ExitCode == 0, created.Stderr);
        var name = EthGov.Core.Purposes.GrantPurposes.Find(number)!.Name;
        Assert.Equal((number, name), (JsonDocument.Parse(created.Stdout).RootElement.GetProperty("purpose").GetInt32(),
            JsonDocument.Parse(created.Stdout).RootElement.GetProperty("purposeName").GetString()));
        Assert.Equal(number, JsonDocument.Parse(listedJson.Stdout).RootElement[0].GetProperty("purpose").GetInt32());
        Assert.Contains($"purpose {name} ({number})", listedText.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gossip")]
    [InlineData("0")]
    [InlineData("11")]
    public async Task GrantCreate_UnlistedPurpose_FailsWithOneLineListingTheCodes_BeforeSendingAnything(string given)
    {
        var refused = await workspace.RunAsync("dev:1", "grant", "create", "--record", "0x" + new string('c', 64), "--grantee", "HEALTH",
            "--purpose", given, "--expires", DateTimeOffset.UtcNow.AddDays(30).ToString("O"), "--legal-basis", "x");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--purpose: ", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("health-care (2)", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantCreate_WithTerms_ListShowsThem_AndTheGranteeMayRenounce()
    {
        var folder = workspace.NewDocuments(1, "terms");
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", folder)).ExitCode);
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.TopDirectoryOnly).Single();
        var record = (await EthGov.Core.Digests.DocumentHasher.HashFileAsync(file)).ToString();

        var created = await workspace.RunAsync("dev:1", "grant", "create", "--record", record, "--grantee", "HEALTH", "--receipt", file + ".receipt.json",
            "--purpose", "3", "--expires", DateTimeOffset.UtcNow.AddDays(30).ToString("O"), "--legal-basis", "Public Health Act s.12",
            "--use", "view-once", "--max-fetches", "2", "--revocable-by", "grantor,grantee", "--json");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var grantId = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("grantId").GetString()!;
        var listed = await workspace.RunAsync(null, "grant", "list", "--record", record, "--json");
        var renounced = await workspace.RunAsync("dev:2", "grant", "revoke", grantId);

        var terms = JsonDocument.Parse(listed.Stdout).RootElement[0].GetProperty("terms");
        Assert.Equal(("viewOnce", 0, 2, "grantor, grantee"),
            (terms.GetProperty("use").GetString(), terms.GetProperty("retentionDays").GetInt32(), terms.GetProperty("maxFetches").GetInt32(), terms.GetProperty("revocableBy").GetString()));
        Assert.True(renounced.ExitCode == 0, renounced.Stderr);
    }

    [Theory]
    [InlineData("--use", "keep", "--use")]
    [InlineData("--max-fetches", "0", "--max-fetches")]
    [InlineData("--revocable-by", "nobody", "--revocable-by")]
    [InlineData("--retention-days", "0", "retentionDays")]
    public async Task GrantKind_InvalidTerms_FailsWithOneLineBeforeSendingAnything(string option, string value, string named)
    {
        var refused = await workspace.RunAsync("dev:1", "grant", "kind", "--kind", "birth-certificate", "--grantee", "HEALTH", "--purpose", "3",
            "--expires", DateTimeOffset.UtcNow.AddDays(30).ToString("O"), "--legal-basis", "Civil Status Act s.4", option, value);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(named, refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantKind_KindName_CreatesAKindLegalBasisGrantForTheKindId()
    {
        var created = await workspace.RunAsync("dev:1", "grant", "kind", "--kind", "birth-certificate", "--grantee", "HEALTH", "--purpose", "3",
            "--expires", DateTimeOffset.UtcNow.AddDays(30).ToString("O"), "--legal-basis", "Civil Status Act s.4", "--retention-days", "90", "--json");
        var notAKind = await workspace.RunAsync("dev:1", "grant", "kind", "--kind", "Birth Certificate", "--grantee", "HEALTH", "--purpose", "3",
            "--expires", DateTimeOffset.UtcNow.AddDays(30).ToString("O"), "--legal-basis", "Civil Status Act s.4");

        Assert.True(created.ExitCode == 0, created.Stderr);
        var kindId = EthGov.Core.Records.RecordKind.Id("birth-certificate").ToString();
        Assert.Equal(kindId, JsonDocument.Parse(created.Stdout).RootElement.GetProperty("kindId").GetString());
        var listed = JsonDocument.Parse((await workspace.RunAsync(null, "grant", "list", "--record", kindId, "--json")).Stdout).RootElement;
        Assert.Equal(("kindLegalBasis", 90), (listed[0].GetProperty("basis").GetString(), listed[0].GetProperty("terms").GetProperty("retentionDays").GetInt32()));
        Assert.Equal(2, notAKind.ExitCode);
        Assert.Contains("--kind", notAKind.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysNew_WritesAnEncryptedKeystoreThatSignsAfterItJoinsADepartment()
    {
        var keystore = Path.Combine(workspace.Folder, $"signer-{Guid.NewGuid():N}.json");
        var env = new Dictionary<string, string> { ["ETHGOV_KEY_PASSWORD"] = "correct horse battery" };

        var created = await CliProcess.RunAsync(workspace.Folder, env, "keys", "new", keystore, "--json");
        Assert.Equal(0, created.ExitCode);
        var address = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("address").GetString()!;
        Assert.DoesNotContain("privateKey", File.ReadAllText(keystore), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"crypto\"", File.ReadAllText(keystore), StringComparison.OrdinalIgnoreCase);

        var consentFile = Path.Combine(workspace.Folder, $"consent-{Guid.NewGuid():N}.json");
        var consented = await CliProcess.RunAsync(workspace.Folder, env,
            ["keys", "consent", "--department", "HEALTH", "--out", consentFile, "--rpc", workspace.Rpc, "--deployment", workspace.DeploymentPath, "--key-file", keystore]);
        Assert.True(consented.ExitCode == 0, consented.Stderr);
        var requested = await workspace.RunAsync("dev:2", "keys", "add", address, "--consent", consentFile, "--json");
        Assert.True(requested.ExitCode == 0, requested.Stderr);
        var changeId = JsonDocument.Parse(requested.Stdout).RootElement.GetProperty("changeId").GetString()!;
        var tooEarly = await workspace.RunAsync("dev:2", "keys", "apply", changeId);
        await workspace.IncreaseTimeAsync(EthGov.Testing.DevChain.SignerChangeDelay);
        var added = await workspace.RunAsync("dev:2", "keys", "apply", changeId);
        await workspace.FundAsync(address);
        var folder = workspace.NewDocuments(1, "rotated");
        string[] common = ["--rpc", workspace.Rpc, "--deployment", workspace.DeploymentPath, "--key-file", keystore];
        var anchored = await CliProcess.RunAsync(workspace.Folder, env, ["anchor", folder, "--json", .. common]);
        var wrongPassword = await CliProcess.RunAsync(workspace.Folder, new Dictionary<string, string> { ["ETHGOV_KEY_PASSWORD"] = "wrong password!" }, ["anchor", folder, .. common]);

        Assert.Equal(2, tooEarly.ExitCode);
        Assert.Contains("SignerChangeTooEarly", tooEarly.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, added.ExitCode);
        Assert.Equal(0, anchored.ExitCode);
        Assert.Equal(2, wrongPassword.ExitCode);
        Assert.Contains("wrong password", wrongPassword.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", wrongPassword.Stderr + wrongPassword.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DepartmentsProposeAndApprove_ReachesQuorumAndListsTheNewDepartment()
    {
        var code = "D" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var proposed = await workspace.RunAsync("dev:1", "departments", "propose", "add", "--code", code, "--name", "Water Board", "--signer", "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955", "--json");
        Assert.Equal(0, proposed.ExitCode);
        var id = JsonDocument.Parse(proposed.Stdout).RootElement.GetProperty("proposalId").GetString()!;

        var approved = await workspace.RunAsync("dev:3", "departments", "approve", id);
        var listed = await workspace.RunAsync(null, "departments", "list");

        Assert.Equal(0, approved.ExitCode);
        Assert.Contains("executed", approved.Stdout, StringComparison.Ordinal);
        Assert.Contains(code, listed.Stdout, StringComparison.Ordinal);
    }
}
