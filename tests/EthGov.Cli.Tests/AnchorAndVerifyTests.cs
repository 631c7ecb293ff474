using System.Text.Json;

namespace EthGov.Cli.Tests;

public class AnchorAndVerifyTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Fact]
    public async Task Anchor_FolderInSmallBatches_WritesAReceiptPerFileAndAReRunAnchorsNothing()
    {
        var folder = workspace.NewDocuments(25, "batch");

        var first = await workspace.RunAsync("dev:1", "anchor", folder, "--batch-size", "10", "--json");
        var second = await workspace.RunAsync("dev:1", "anchor", folder, "--json");

        Assert.Equal(0, first.ExitCode);
        using var summary = JsonDocument.Parse(first.Stdout);
        Assert.Equal(25, summary.RootElement.GetProperty("anchored").GetInt32());
        Assert.Equal(3, summary.RootElement.GetProperty("batches").GetInt32());
        Assert.Equal(25, Directory.GetFiles(folder, "*.receipt.json", SearchOption.AllDirectories).Length);
        Assert.Equal(0, second.ExitCode);
        using var again = JsonDocument.Parse(second.Stdout);
        Assert.Equal(0, again.RootElement.GetProperty("anchored").GetInt32());
        Assert.Equal(25, again.RootElement.GetProperty("alreadyAnchored").GetInt32());
    }

    [Fact]
    public async Task Verify_WithReceiptAndNoDeploymentFile_IsValidFromTheChainAlone()
    {
        var folder = workspace.NewDocuments(3, "offline");
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", folder)).ExitCode);
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories).First(f => !f.EndsWith(".json", StringComparison.Ordinal));

        var run = await CliProcess.RunAsync(Path.GetTempPath(), null, "verify", file, "--rpc", workspace.Rpc);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("VALID", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FileChangedByOneByte_ExitsOneWithMismatch()
    {
        var folder = workspace.NewDocuments(2, "tampered");
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", folder)).ExitCode);
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.TopDirectoryOnly).Single();
        var bytes = File.ReadAllBytes(file);
        bytes[0] ^= 1;
        File.WriteAllBytes(file, bytes);

        var run = await workspace.RunAsync(null, "verify", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("MISMATCH", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_UnanchoredFileWithoutReceipt_ExitsOneUnknown()
    {
        var file = Path.Combine(workspace.Folder, $"never-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "never anchored");

        var run = await workspace.RunAsync(null, "verify", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("UNKNOWN", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_DocumentInsideABatch_ThenVerifyShowsRevokedWithItsReason()
    {
        var folder = workspace.NewDocuments(4, "revoked");
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", folder)).ExitCode);
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.TopDirectoryOnly).First();

        var revoke = await workspace.RunAsync("dev:1", "revoke", file, "--reason", "7", "--receipt", file + ".receipt.json");
        var verify = await workspace.RunAsync(null, "verify", file, "--json");

        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(1, verify.ExitCode);
        using var doc = JsonDocument.Parse(verify.Stdout);
        Assert.Equal("revoked", doc.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(7, doc.RootElement.GetProperty("facts").GetProperty("revocationReason").GetInt32());
    }

    [Fact]
    public async Task Revoke_ByAnotherDepartment_IsRefusedWithTheContractsReason()
    {
        var folder = workspace.NewDocuments(1, "foreign");
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", folder)).ExitCode);
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories).Single(f => f.EndsWith(".txt", StringComparison.Ordinal));

        var run = await workspace.RunAsync("dev:2", "revoke", file, "--reason", "1");

        // Registry 2.0 looks for the digest in HEALTH's own namespace, where it is not anchored.
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("NotAnchored", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Verify_WithReceipt_JudgesTheReceiptsIssuerEvenWhenAnotherDepartmentRevokedTheSameDigest()
    {
        var folder = workspace.NewDocuments(1, "shared");
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.TopDirectoryOnly).Single();
        var copy = Path.Combine(workspace.NewDocuments(0, "shared-copy"), "copy.txt");
        File.Copy(file, copy);
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", file)).ExitCode);
        Assert.Equal(0, (await workspace.RunAsync("dev:2", "anchor", copy)).ExitCode);
        Assert.Equal(0, (await workspace.RunAsync("dev:2", "revoke", copy, "--reason", "6", "--receipt", copy + ".receipt.json")).ExitCode);
        var digest = (await EthGov.Core.Digests.DocumentHasher.HashFileAsync(file)).ToString();

        var civil = await workspace.RunAsync(null, "verify", file);
        var health = await workspace.RunAsync(null, "status", digest, "--department", "HEALTH");

        Assert.Equal(0, civil.ExitCode);
        Assert.StartsWith("VALID", civil.Stdout, StringComparison.Ordinal);
        Assert.Contains("the receipt names department 1 (CIVIL", civil.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, health.ExitCode);
        Assert.StartsWith("REVOKED", health.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ReceiptWithAForgedTransactionHash_ExitsOneWithMismatch()
    {
        var folder = workspace.NewDocuments(2, "forged-tx");
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", folder)).ExitCode);
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.TopDirectoryOnly).Single();
        var receipt = EthGov.Core.Receipts.ReceiptReader.Parse(File.ReadAllText(file + ".receipt.json")).Receipt!;
        var forged = receipt with { TransactionHash = new EthGov.Core.Digests.Digest(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) };
        File.WriteAllText(file + ".receipt.json", EthGov.Core.Receipts.ReceiptWriter.ToJson(forged));

        var run = await workspace.RunAsync(null, "verify", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("MISMATCH", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("the chain has no transaction", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supersede_OldFileByNewFile_OldVerifiesSupersededAndNewValid()
    {
        var folder = workspace.NewDocuments(1, "old");
        Assert.Equal(0, (await workspace.RunAsync("dev:3", "anchor", folder)).ExitCode);
        var oldFile = Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories).Single(f => f.EndsWith(".txt", StringComparison.Ordinal));
        var newFile = Path.Combine(workspace.Folder, $"new-{Guid.NewGuid():N}.txt");
        File.WriteAllText(newFile, "the corrected licence");

        var supersede = await workspace.RunAsync("dev:3", "supersede", oldFile, newFile);
        var oldVerdict = await workspace.RunAsync(null, "verify", oldFile);
        var newVerdict = await workspace.RunAsync(null, "verify", newFile);

        Assert.Equal(0, supersede.ExitCode);
        Assert.StartsWith("SUPERSEDED", oldVerdict.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, oldVerdict.ExitCode);
        Assert.Equal(0, newVerdict.ExitCode);
    }
}
