using System.Runtime.Versioning;
using System.Text.Json;

namespace EthGov.Cli.Tests;

/// <summary><c>ethgov keys new</c> creates the keystore itself, readable by its owner only, and never writes through an existing name.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeystoreCreationTests : IDisposable
{
    private static readonly Dictionary<string, string> s_password = new() { ["ETHGOV_KEY_PASSWORD"] = "correct horse battery" };
    private readonly string _folder = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task KeysNew_CreatesTheKeystoreWithMode0600()
    {
        var keystore = Path.Combine(_folder, "signer.json");

        var run = await CliProcess.RunAsync(_folder, s_password, "keys", "new", keystore, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keystore));
        Assert.StartsWith("0x", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("address").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysNew_InAFolderThatDoesNotExistYet_CreatesItForItsOwnerOnly()
    {
        var keystore = Path.Combine(_folder, "keys", "CIVIL.json");

        var run = await CliProcess.RunAsync(_folder, s_password, "keys", "new", keystore);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_folder, "keys")));
        Assert.True(File.Exists(keystore));
    }

    [Fact]
    public async Task KeysNew_OntoAnExistingFile_RefusesAndLeavesItUnchanged()
    {
        var keystore = Path.Combine(_folder, "existing.json");
        File.WriteAllText(keystore, "the old key");

        var run = await CliProcess.RunAsync(_folder, s_password, "keys", "new", keystore);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("refusing to overwrite", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("the old key", File.ReadAllText(keystore));
    }

    [Fact]
    public async Task KeysNew_OntoADanglingSymlink_RefusesAndCreatesNothingAtItsTarget()
    {
        var target = Path.Combine(_folder, "elsewhere", "planted.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var keystore = Path.Combine(_folder, "signer.json");
        File.CreateSymbolicLink(keystore, target);

        var run = await CliProcess.RunAsync(_folder, s_password, "keys", "new", keystore);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("refusing to overwrite", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task KeysNew_OntoASymlinkToAnExistingFile_RefusesAndLeavesTheTargetUnchanged()
    {
        var target = Path.Combine(_folder, "victim.json");
        File.WriteAllText(target, "someone else's file");
        var keystore = Path.Combine(_folder, "signer.json");
        File.CreateSymbolicLink(keystore, target);

        var run = await CliProcess.RunAsync(_folder, s_password, "keys", "new", keystore);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("someone else's file", File.ReadAllText(target));
    }
}
