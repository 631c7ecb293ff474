using EthGov.Chain.Keys;
using EthGov.Testing;

namespace EthGov.Cli.Tests;

public sealed class Pkcs11KeysCommandTests
{
    private static Dictionary<string, string> Environment => new() { ["SOFTHSM2_CONF"] = SoftHsm.Shared.ConfigFile };

    [SoftHsmFact]
    public async Task New_SignerKey_PrintsTheAddressThatShowAndTheNodeLoaderSee()
    {
        var uri = SoftHsm.Shared.Uri("cli-signer-" + Guid.NewGuid().ToString("N"));

        var created = await CliProcess.RunAsync(Path.GetTempPath(), Environment, "keys", "pkcs11", "new", uri);
        var shown = await CliProcess.RunAsync(Path.GetTempPath(), Environment, "keys", "pkcs11", "show", uri);
        var again = await CliProcess.RunAsync(Path.GetTempPath(), Environment, "keys", "pkcs11", "new", uri);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(0, shown.ExitCode);
        var address = KeyLoader.Load(uri, 31337).Address;
        Assert.Contains(address, created.Stdout, StringComparison.Ordinal);
        Assert.Contains(address, shown.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already holds an object labelled", again.Stderr, StringComparison.Ordinal);
    }

    [SoftHsmFact]
    public async Task New_NodeKey_WritesThePublicKeysTheNodeLoads()
    {
        var uri = SoftHsm.Shared.Uri("cli-node-" + Guid.NewGuid().ToString("N"));
        var publicFile = Path.Combine(Directory.CreateTempSubdirectory("ethgov-pkcs11-cli-").FullName, "node.pub");

        var created = await CliProcess.RunAsync(Path.GetTempPath(), Environment, "keys", "pkcs11", "new", "--node", "--public-out", publicFile, uri);

        Assert.Equal(0, created.ExitCode);
        using var keys = EthGov.Application.Nodes.NodeKeys.Load(uri, 31337);
        var published = EthGov.Application.Nodes.NodeKeys.LoadPublic(publicFile, 31337);
        Assert.Equal(keys.SigningPublicKey, published.Signing);
        Assert.Equal(keys.EncryptionPublicKey, published.Encryption);
        Assert.Contains("0x" + Convert.ToHexStringLower(keys.SigningPublicKey), created.Stdout, StringComparison.Ordinal);
    }

    [SoftHsmFact]
    public async Task Show_WrongPin_OneLineAndAFailingExit()
    {
        var file = Path.Combine(SoftHsm.Shared.Folder, "wrong-pin-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(file, "111111\n");

        var run = await CliProcess.RunAsync(Path.GetTempPath(), Environment, "keys", "pkcs11", "show", SoftHsm.Shared.Uri("signer", SoftHsm.PinToken, "file:" + file));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"PKCS#11 token '{SoftHsm.PinToken}' refused the PIN (CKR_PIN_INCORRECT)", run.Stderr, StringComparison.Ordinal);
    }
}
