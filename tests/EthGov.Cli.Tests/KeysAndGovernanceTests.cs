using System.Globalization;
using System.Text.Json;
using EthGov.Chain.Keys;

namespace EthGov.Cli.Tests;

/// <summary>
/// `ethgov keys` and `ethgov departments` as a department's operators use them: time-locked key changes with the new
/// key's consent, compromise reports and their effect on verification, and the quorum's recovery, compromise reports
/// and revocation of a suspended department's grants. Each test works on its own department.
/// </summary>
public class KeysAndGovernanceTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Fact]
    public async Task KeysAdd_NeedsTheNewKeysConsent_AndWaitsForTheDelay_ThenAnotherKeyCancelsARemoval()
    {
        var newKey = Address(5);
        var consentFile = Path.Combine(workspace.Folder, $"consent-{Guid.NewGuid():N}.json");

        var consent = await workspace.RunAsync("dev:5", "keys", "consent", "--department", "CIVIL", "--out", consentFile);
        var requested = await workspace.RunAsync("dev:1", "keys", "add", newKey, "--consent", consentFile, "--json");
        var changeId = JsonDocument.Parse(requested.Stdout).RootElement.GetProperty("changeId").GetString()!;
        var tooEarly = await workspace.RunAsync("dev:1", "keys", "apply", changeId);
        await workspace.IncreaseTimeAsync(EthGov.Testing.DevChain.SignerChangeDelay);
        var applied = await workspace.RunAsync("dev:1", "keys", "apply", changeId);
        var listed = await workspace.RunAsync(null, "keys", "list", "--department", "CIVIL");
        var removal = await workspace.RunAsync("dev:1", "keys", "remove", newKey, "--json");
        var removalId = JsonDocument.Parse(removal.Stdout).RootElement.GetProperty("changeId").GetString()!;
        var pending = await workspace.RunAsync(null, "keys", "pending", "--department", "CIVIL");
        var cancelled = await workspace.RunAsync("dev:5", "keys", "cancel", removalId);
        var after = await workspace.RunAsync("dev:1", "keys", "pending");

        Assert.Equal(0, consent.ExitCode);
        Assert.Equal(0, requested.ExitCode);
        Assert.Equal(2, tooEarly.ExitCode);
        Assert.Contains("SignerChangeTooEarly", tooEarly.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, applied.ExitCode);
        Assert.Contains($"key 2 {newKey} current", listed.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"#{removalId} department 1: remove {newKey}", pending.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, cancelled.ExitCode);
        Assert.Contains("no pending key changes", after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysAdd_ConsentSignedForAnotherDepartment_IsRefusedInOneLineBeforeSending()
    {
        var newKey = Address(6);
        var consentFile = Path.Combine(workspace.Folder, $"consent-{Guid.NewGuid():N}.json");
        Assert.Equal(0, (await workspace.RunAsync("dev:6", "keys", "consent", "--department", "CIVIL", "--out", consentFile)).ExitCode);
        var token = JsonDocument.Parse((await workspace.RunAsync("dev:6", "keys", "consent", "--department", "CIVIL", "--json")).Stdout).RootElement.GetProperty("token").GetString()!;

        var byFile = await workspace.RunAsync("dev:2", "keys", "add", newKey, "--consent", consentFile);
        var byToken = await workspace.RunAsync("dev:2", "keys", "add", newKey, "--consent", token);
        var pending = await workspace.RunAsync(null, "keys", "pending", "--department", "HEALTH");

        Assert.Equal(2, byFile.ExitCode);
        Assert.Equal($"ethgov: the consent was signed for department 1, not for department 2: key {newKey} agreed to join another department", byFile.Stderr.Trim(), ignoreCase: true);
        Assert.Equal(2, byToken.ExitCode);
        Assert.Single(byToken.Stderr.Trim().Split('\n'));
        Assert.Contains("is not key", byToken.Stderr, StringComparison.Ordinal);
        Assert.Contains("no pending key changes", pending.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysReport_DocumentsTheKeyAnchoredSinceVerifyNotValid_EarlierOnesStayValid()
    {
        var second = Address(7);
        await AddKeyAsync("dev:3", "TRANSPORT", "dev:7");
        var before = workspace.NewDocuments(1, "before-report");
        Assert.Equal(0, (await workspace.RunAsync("dev:7", "anchor", before)).ExitCode);
        await workspace.IncreaseTimeAsync(100);
        var since = (await workspace.ChainNowAsync()).ToString("O", CultureInfo.InvariantCulture);
        await workspace.IncreaseTimeAsync(100);
        var after = workspace.NewDocuments(1, "after-report");
        Assert.Equal(0, (await workspace.RunAsync("dev:7", "anchor", after)).ExitCode);

        var reported = await workspace.RunAsync("dev:3", "keys", "report", second, "--since", since);
        var afterVerdict = await workspace.RunAsync(null, "verify", Directory.GetFiles(after, "*.txt").Single());
        var beforeVerdict = await workspace.RunAsync(null, "verify", Directory.GetFiles(before, "*.txt").Single());
        var listed = await workspace.RunAsync(null, "keys", "list", "--department", "TRANSPORT");
        var lastKey = await workspace.RunAsync("dev:3", "keys", "report", Address(3), "--since", since);

        Assert.Equal(0, reported.ExitCode);
        Assert.Equal(1, afterVerdict.ExitCode);
        Assert.StartsWith("KEY COMPROMISED", afterVerdict.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, beforeVerdict.ExitCode);
        Assert.StartsWith("VALID", beforeVerdict.Stdout, StringComparison.Ordinal);
        Assert.Contains($"key 2 {second} compromised since", listed.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, lastKey.ExitCode);
        Assert.Contains("LastSigner", lastKey.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quorum_RecoversADepartment_ReportsItsKey_ExecutesOnceTheQuorumFell_AndRevokesItsGrants()
    {
        // LAKE joins with dev:8, loses it and is recovered with dev:9.
        var added = await ProposeAsync("dev:1", "add", "--code", "LAKE", "--name", "Lake Authority", "--signer", Address(8));
        Assert.Equal(0, (await workspace.RunAsync("dev:2", "departments", "approve", added)).ExitCode);
        var recovery = await ProposeAsync("dev:1", "replace-signers", "LAKE", Address(9));
        var recovered = await workspace.RunAsync("dev:2", "departments", "approve", recovery);
        var keys = await workspace.RunAsync(null, "keys", "list", "--department", "LAKE");

        // LAKE grants CIVIL access to a record it anchored, then goes rogue.
        var folder = workspace.NewDocuments(2, "lake");
        Assert.Equal(0, (await workspace.RunAsync("dev:9", "anchor", folder)).ExitCode);
        var file = Directory.GetFiles(folder, "*.txt").Single();
        var record = (await EthGov.Core.Digests.DocumentHasher.HashFileAsync(file)).ToString();
        var granted = await workspace.RunAsync("dev:9", "grant", "create", "--record", record, "--grantee", "CIVIL", "--receipt", file + ".receipt.json",
            "--purpose", "4", "--expires", DateTimeOffset.UtcNow.AddDays(200).ToString("O"), "--legal-basis", "Water Act s.3", "--json");
        var grantId = JsonDocument.Parse(granted.Stdout).RootElement.GetProperty("grantId").GetString()!;

        // Threshold 3: the suspension's two approvals no longer suffice until the threshold is 2 again; then `execute`.
        var three = await ProposeAsync("dev:1", "threshold", "3");
        Assert.Equal(0, (await workspace.RunAsync("dev:2", "departments", "approve", three)).ExitCode);
        var suspension = await ProposeAsync("dev:1", "suspend", "LAKE");
        Assert.Equal(0, (await workspace.RunAsync("dev:2", "departments", "approve", suspension)).ExitCode);
        var early = await workspace.RunAsync("dev:3", "departments", "execute", suspension);
        var standing = await workspace.RunAsync(null, "departments", "proposal", suspension);
        var two = await ProposeAsync("dev:1", "threshold", "2");
        Assert.Equal(0, (await workspace.RunAsync("dev:2", "departments", "approve", two)).ExitCode);
        Assert.Equal(0, (await workspace.RunAsync("dev:3", "departments", "approve", two)).ExitCode);
        var executed = await workspace.RunAsync("dev:3", "departments", "execute", suspension);

        var report = await ProposeAsync("dev:1", "report-key", Address(9), "--since", (await workspace.ChainNowAsync()).ToString("O", CultureInfo.InvariantCulture));
        var reported = await workspace.RunAsync("dev:3", "departments", "approve", report);
        var revocation = await ProposeAsync("dev:2", "revoke-grants", grantId);
        var shown = await workspace.RunAsync(null, "departments", "proposal", revocation, "--json");
        var revoked = await workspace.RunAsync("dev:3", "departments", "approve", revocation);
        var grants = await workspace.RunAsync(null, "grant", "list", "--record", record);

        Assert.Contains("executed", recovered.Stdout, StringComparison.Ordinal);
        Assert.Contains($"key 1 {Address(8)} removed", keys.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"key 2 {Address(9)} current", keys.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, early.ExitCode);
        Assert.Contains("QuorumNotReached", early.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 of 2 approvals count now (quorum 3)", standing.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, executed.ExitCode);
        Assert.Contains("executed", executed.Stdout, StringComparison.Ordinal);
        Assert.Contains("executed", reported.Stdout, StringComparison.Ordinal);
        Assert.Equal("revokeGrants", JsonDocument.Parse(shown.Stdout).RootElement.GetProperty("kind").GetString());
        Assert.Equal(grantId, JsonDocument.Parse(shown.Stdout).RootElement.GetProperty("grantIds")[0].GetString());
        Assert.Contains("executed", revoked.Stdout, StringComparison.Ordinal);
        Assert.Contains("revoked", grants.Stdout, StringComparison.Ordinal);
        var lake = await workspace.RunAsync(null, "keys", "list", "--department", "LAKE");
        Assert.Contains($"key 2 {Address(9)} compromised since", lake.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Propose_DeadlineBeyond30Days_FailsInOneLineWithoutSending()
    {
        var before = await workspace.RunAsync(null, "departments", "proposals", "--limit", "100", "--json");

        var tooFar = await workspace.RunAsync("dev:1", "departments", "propose", "threshold", "2", "--deadline", DateTimeOffset.UtcNow.AddDays(31).ToString("O"));
        var after = await workspace.RunAsync(null, "departments", "proposals", "--limit", "100", "--json");

        Assert.Equal(2, tooFar.ExitCode);
        Assert.StartsWith("ethgov: --deadline: the deadline", tooFar.Stderr, StringComparison.Ordinal);
        Assert.Contains("more than 30 days ahead", tooFar.Stderr, StringComparison.Ordinal);
        Assert.Equal(
            JsonDocument.Parse(before.Stdout).RootElement.GetProperty("proposals").GetArrayLength(),
            JsonDocument.Parse(after.Stdout).RootElement.GetProperty("proposals").GetArrayLength());
    }

    [Fact]
    public async Task GrantCreate_SelfGrantTooLongOrNotIssued_FailInOneLine()
    {
        var folder = workspace.NewDocuments(1, "grant-limits");
        Assert.Equal(0, (await workspace.RunAsync("dev:2", "anchor", folder)).ExitCode);
        var record = (await EthGov.Core.Digests.DocumentHasher.HashFileAsync(Directory.GetFiles(folder, "*.txt").Single())).ToString();
        string[] common = ["--purpose", "1", "--legal-basis", "Health Act"];

        var self = await workspace.RunAsync("dev:2", ["grant", "create", "--record", record, "--grantee", "HEALTH", "--expires", DateTimeOffset.UtcNow.AddDays(30).ToString("O"), .. common]);
        var tooLong = await workspace.RunAsync("dev:2", ["grant", "create", "--record", record, "--grantee", "CIVIL", "--expires", DateTimeOffset.UtcNow.AddDays(367).ToString("O"), .. common]);
        var notIssued = await workspace.RunAsync("dev:1", ["grant", "create", "--record", record, "--grantee", "TRANSPORT", "--expires", DateTimeOffset.UtcNow.AddDays(30).ToString("O"), .. common]);

        Assert.Equal(2, self.ExitCode);
        Assert.Contains("does not grant access to itself", self.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("more than 366 days ahead", tooLong.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, notIssued.ExitCode);
        Assert.Contains($"did not anchor record {record}", notIssued.Stderr, StringComparison.Ordinal);
        Assert.All(new[] { self, tooLong, notIssued }, run => Assert.Single(run.Stderr.Trim().Split('\n')));
    }

    private static string Address(int devAccount) => DevAccounts.Get(devAccount, 31337).Address;

    private async Task AddKeyAsync(string departmentKey, string department, string newKey)
    {
        var consent = JsonDocument.Parse((await workspace.RunAsync(newKey, "keys", "consent", "--department", department, "--json")).Stdout).RootElement.GetProperty("token").GetString()!;
        var requested = await workspace.RunAsync(departmentKey, "keys", "add", DevAccounts.Get(int.Parse(newKey[4..], CultureInfo.InvariantCulture), 31337).Address, "--consent", consent, "--json");
        Assert.True(requested.ExitCode == 0, requested.Stderr);
        await workspace.IncreaseTimeAsync(EthGov.Testing.DevChain.SignerChangeDelay);
        var applied = await workspace.RunAsync(departmentKey, "keys", "apply", JsonDocument.Parse(requested.Stdout).RootElement.GetProperty("changeId").GetString()!);
        Assert.True(applied.ExitCode == 0, applied.Stderr);
    }

    private async Task<string> ProposeAsync(string key, params string[] args)
    {
        var run = await workspace.RunAsync(key, ["departments", "propose", .. args, "--json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.GetProperty("proposalId").GetString()!;
    }
}
