using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using EthGov.Application.Nodes;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Application.Tests.Nodes;

/// <summary>A node's own P-256 keys: the dev keys every machine derives alike, and the key files `ethgov node keygen` writes.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class NodeKeysTests : IDisposable
{
    private const ulong DevChain = 31337;

    // dev:1's public keys as Node.js's crypto derives them from the documented scalar (SHA-256 of
    // "EthGov development node key <purpose> 1", reduced into [1, n - 1]): an implementation other than .NET's.
    private const string Dev1Signing = "9379c02c00c9d26d96fb04f8f9c720e55184732dd56ce1ee1054095453a56c6856d4ac44c5f394389620b324ba4fd520040c514b8978147455f0666081237de1";
    private const string Dev1Encryption = "30731e59282edc89e5c8c1a10e2a03b311e3eb9024c35b390e281087edc2ba80ddad596ced2d837761463f23c56f8f4de1e6c6e6c1acfc0a18c54a502f129194";

    private readonly string _folder = Directory.CreateTempSubdirectory("ethgov-node-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_DevKey_DerivesTheDocumentedKeys_TheSameOnEveryLoad()
    {
        using var first = NodeKeys.Load("dev:1", DevChain);
        using var again = NodeKeys.Load("dev:1", 31337L);
        using var other = NodeKeys.Load("dev:2", DevChain);

        Assert.Equal(Dev1Signing, Convert.ToHexStringLower(first.SigningPublicKey));
        Assert.Equal(Dev1Encryption, Convert.ToHexStringLower(first.EncryptionPublicKey));
        Assert.Equal(first.SigningPublicKey, again.SigningPublicKey);
        Assert.NotEqual(first.SigningPublicKey, other.SigningPublicKey);
        Assert.NotEqual(first.SigningPublicKey, first.EncryptionPublicKey);
    }

    [Fact]
    public void Load_DevKey_SignsAndOpensWhatItsPublicKeysCheckAndSeal()
    {
        using var keys = NodeKeys.Load("dev:3", DevChain);
        var data = "GET /api/v1/documents"u8.ToArray();

        var signature = EcdsaP256Sha256.Sign(keys.Signing, data);
        using var verifier = EcdsaP256Sha256.ImportPublicKey(keys.SigningPublicKey);
        var recipient = HpkePublicKey.FromBytes([0x04, .. keys.EncryptionPublicKey]);
        var sealedContent = HpkeBaseMode.Seal(HpkeSuite.P256Sha256Aes128Gcm, recipient, "info"u8, "aad"u8, "record content"u8);
        var opened = HpkeBaseMode.Open(HpkeSuite.P256Sha256Aes128Gcm, sealedContent.EncapsulatedKey, keys.Encryption, "info"u8, "aad"u8, sealedContent.Ciphertext);

        Assert.True(EcdsaP256Sha256.Verify(verifier, data, signature));
        Assert.Equal("record content", Encoding.UTF8.GetString(opened));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2026UL)]
    public void Load_DevKey_OnAnotherChain_IsRefused(ulong chainId)
    {
        var error = Assert.Throws<InvalidOperationException>(() => NodeKeys.Load("dev:1", chainId));

        Assert.Contains($"only on chain 31337, not {chainId}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev:10")]
    [InlineData("dev:-1")]
    [InlineData("dev:one")]
    [InlineData("dev:")]
    public void Load_ASpecNamingNoDevKey_IsRefused(string spec)
    {
        var error = Assert.Throws<ArgumentException>(() => NodeKeys.Load(spec, DevChain));

        Assert.Contains("names no dev node key (dev:0 .. dev:9)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateFile_WritesAnOwnerOnlyKeyFileAndAPublicFile_ThatLoadBackAsTheSameKeys()
    {
        var path = Path.Combine(_folder, "keys", "CIVIL.node");

        using var created = NodeKeys.CreateFile(path);
        using var loaded = NodeKeys.Load(path, 2026UL);
        var fromPublic = NodeKeys.LoadPublic(path + NodeKeys.PublicFileSuffix, 2026UL);
        var fromPrivate = NodeKeys.LoadPublic(path, 2026UL);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(created.SigningPublicKey, loaded.SigningPublicKey);
        Assert.Equal(created.EncryptionPublicKey, loaded.EncryptionPublicKey);
        Assert.Equal(created.SigningPublicKey, fromPublic.Signing);
        Assert.Equal(created.EncryptionPublicKey, fromPublic.Encryption);
        Assert.Equal(created.SigningPublicKey, fromPrivate.Signing);
        Assert.Equal(created.EncryptionPublicKey, fromPrivate.Encryption);
        Assert.DoesNotContain("PRIVATE", File.ReadAllText(path + NodeKeys.PublicFileSuffix), StringComparison.Ordinal);
        // The loaded private keys are the created ones, not just their public halves.
        var signature = EcdsaP256Sha256.Sign(loaded.Signing, "x"u8);
        Assert.True(EcdsaP256Sha256.Verify(created.Signing, "x"u8, signature));
        Assert.Equal(created.Encryption.ExportBytes(), loaded.Encryption.ExportBytes());
    }

    [Fact]
    public void CreateFile_OverAnExistingFileOrLink_FailsAndChangesNothing()
    {
        var existing = Path.Combine(_folder, "existing.node");
        File.WriteAllText(existing, "keep me");
        var target = Path.Combine(_folder, "target");
        File.WriteAllText(target, "keep me too");
        var link = Path.Combine(_folder, "link.node");
        File.CreateSymbolicLink(link, target);

        Assert.Throws<IOException>(() => NodeKeys.CreateFile(existing));
        Assert.Throws<IOException>(() => NodeKeys.CreateFile(link));

        Assert.Equal("keep me", File.ReadAllText(existing));
        Assert.Equal("keep me too", File.ReadAllText(target));
        Assert.False(File.Exists(existing + NodeKeys.PublicFileSuffix));
    }

    [Fact]
    public void CreateFile_WhenThePublicFileExists_LeavesNoKeyFileBehind()
    {
        var path = Path.Combine(_folder, "HEALTH.node");
        File.WriteAllText(path + NodeKeys.PublicFileSuffix, "an older public key");

        Assert.Throws<IOException>(() => NodeKeys.CreateFile(path));

        Assert.False(File.Exists(path));
        Assert.Equal("an older public key", File.ReadAllText(path + NodeKeys.PublicFileSuffix));
    }

    [Fact]
    public void Load_AMissingFile_SaysHowToCreateIt()
    {
        var path = Path.Combine(_folder, "absent.node");

        var error = Assert.Throws<FileNotFoundException>(() => NodeKeys.Load(path, DevChain));

        Assert.Contains("ethgov node keygen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AFileWithOneKeyOrThree_OrPublicKeys_IsRefused()
    {
        using var keys = NodeKeys.Generate();
        var blocks = keys.ExportPem();
        var one = Write("one.node", blocks[..(blocks.IndexOf("-----END PRIVATE KEY-----", StringComparison.Ordinal) + 25)]);
        var three = Write("three.node", blocks + blocks[..(blocks.IndexOf("-----END PRIVATE KEY-----", StringComparison.Ordinal) + 25)]);
        var publicOnly = Write("public.node", keys.ExportPublicPem());

        Assert.Contains("not 1", Assert.Throws<InvalidDataException>(() => NodeKeys.Load(one, DevChain)).Message, StringComparison.Ordinal);
        Assert.Contains("not 3", Assert.Throws<InvalidDataException>(() => NodeKeys.Load(three, DevChain)).Message, StringComparison.Ordinal);
        Assert.Contains("PUBLIC KEY", Assert.Throws<InvalidDataException>(() => NodeKeys.Load(publicOnly, DevChain)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AKeyOnAnotherCurve_IsRefused()
    {
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var encryption = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Write("p384.node", PemEncoding.WriteString("PRIVATE KEY", signing.ExportPkcs8PrivateKey()) + "\n"
            + PemEncoding.WriteString("PRIVATE KEY", encryption.ExportPkcs8PrivateKey()) + "\n");

        var error = Assert.Throws<InvalidDataException>(() => NodeKeys.Load(path, DevChain));

        Assert.Contains("the signing key is not on curve P-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnRsaKey_IsRefused()
    {
        using var rsa = RSA.Create(2048);
        using var encryption = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Write("rsa.node", PemEncoding.WriteString("PRIVATE KEY", encryption.ExportPkcs8PrivateKey()) + "\n"
            + PemEncoding.WriteString("PRIVATE KEY", rsa.ExportPkcs8PrivateKey()) + "\n");

        var error = Assert.Throws<InvalidDataException>(() => NodeKeys.Load(path, DevChain));

        Assert.Contains("the encryption key is not a PKCS#8 P-256 private key", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
