using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EthGov.Cli.Tests;

/// <summary>
/// A receipt lying next to a file is a claim, not a fact: <c>ethgov anchor</c> checks it against the chain before it
/// skips the file, and writes receipts without following a link planted in their place.
/// </summary>
public class AnchorReceiptTrustTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Fact]
    public async Task Anchor_ForgedReceiptNamingTheFilesDigest_AnchorsTheFileAndReplacesTheReceipt()
    {
        var (file, receiptPath) = await WriteForgedReceiptAsync("forged");

        var run = await workspace.RunAsync("dev:1", "anchor", file, "--json");
        var verified = await workspace.RunAsync(null, "verify", file);

        Assert.Equal(0, run.ExitCode);
        using var summary = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1, summary.RootElement.GetProperty("anchored").GetInt32());
        Assert.Equal(0, summary.RootElement.GetProperty("alreadyAnchored").GetInt32());
        var replaced = Assert.Single(summary.RootElement.GetProperty("replacedReceipts").EnumerateArray());
        Assert.Equal(receiptPath, replaced.GetProperty("receipt").GetString());
        var reason = replaced.GetProperty("reason").GetString();
        Assert.StartsWith("the chain does not confirm the receipt", reason, StringComparison.Ordinal);
        Assert.Contains("has not anchored the digest", reason, StringComparison.Ordinal);
        Assert.Equal(0, verified.ExitCode);
        Assert.StartsWith("VALID", verified.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anchor_ForgedReceipt_SaysInItsTextOutputThatTheReceiptWasReplaced()
    {
        var (file, receiptPath) = await WriteForgedReceiptAsync("forged-text");

        var run = await workspace.RunAsync("dev:1", "anchor", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 documents anchored", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"replaced {receiptPath}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anchor_ReceiptOfAnotherDepartment_IsNotTakenAsThisDepartmentsAnchor()
    {
        var folder = workspace.NewDocuments(1, "other-department");
        Assert.Equal(0, (await workspace.RunAsync("dev:2", "anchor", folder)).ExitCode);
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories).Single();

        var run = await workspace.RunAsync("dev:1", "anchor", file, "--json");

        // The CLI must try to anchor it for this department. Registry 1.x keeps one namespace of digests, so there the
        // contract refuses; a registry with a namespace per issuer anchors it.
        if (run.ExitCode == 0)
        {
            using var summary = JsonDocument.Parse(run.Stdout);
            Assert.Equal(1, summary.RootElement.GetProperty("anchored").GetInt32());
        }
        else
        {
            Assert.Contains("AlreadyAnchored", run.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Anchor_ReceiptPathIsASymlinkToAFileOutsideTheFolder_ReplacesTheLinkAndLeavesItsTargetUntouched()
    {
        var folder = workspace.NewDocuments(1, "linked");
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories).Single();
        var outside = Path.Combine(workspace.Folder, $"victim-{Guid.NewGuid():N}.conf");
        File.WriteAllText(outside, "precious settings\n");
        var receiptPath = file + ".receipt.json";
        File.CreateSymbolicLink(receiptPath, outside);

        var run = await workspace.RunAsync("dev:1", "anchor", folder);
        var verified = await workspace.RunAsync(null, "verify", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("precious settings\n", File.ReadAllText(outside));
        Assert.Null(new FileInfo(receiptPath).LinkTarget);
        Assert.Equal(0, verified.ExitCode);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.receipt.json"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, ".tmp-*"));
    }

    [Fact]
    public async Task Anchor_ReceiptPathIsADanglingSymlink_DoesNotCreateItsTarget()
    {
        var folder = workspace.NewDocuments(1, "dangling");
        var file = Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories).Single();
        var outside = Path.Combine(workspace.Folder, $"planted-{Guid.NewGuid():N}.sh");
        File.CreateSymbolicLink(file + ".receipt.json", outside);

        var run = await workspace.RunAsync("dev:1", "anchor", folder);

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(outside));
        Assert.Null(new FileInfo(file + ".receipt.json").LinkTarget);
    }

    /// <summary>
    /// Anchors a decoy file (a single anchor, so the receipt is genuine for the decoy), then writes a new file with a
    /// copy of that receipt that names the new file's digest: right chain, right registry, right department, wrong facts.
    /// </summary>
    private async Task<(string File, string Receipt)> WriteForgedReceiptAsync(string name)
    {
        var decoyFolder = workspace.NewDocuments(1, name + "-decoy");
        Assert.Equal(0, (await workspace.RunAsync("dev:1", "anchor", decoyFolder)).ExitCode);
        var decoyReceipt = Directory.GetFiles(decoyFolder, "*.receipt.json", SearchOption.AllDirectories).Single();

        var file = Path.Combine(workspace.Folder, $"{name}-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, $"never anchored {Guid.NewGuid()}");
        var receipt = JsonNode.Parse(File.ReadAllText(decoyReceipt))!;
        receipt["digest"] = "0x" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        var receiptPath = file + ".receipt.json";
        File.WriteAllText(receiptPath, receipt.ToJsonString());
        return (file, receiptPath);
    }
}
