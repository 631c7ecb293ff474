using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using EthGov.Application.Nodes;
using EthGov.Chain.Keys;
using EthGov.Chain.Keys.Pkcs11;
using EthGov.Chain.Signing;
using EthGov.Core.Crypto.Hpke;
using EthGov.Testing;
using Nethereum.Signer;
using Nethereum.Web3.Accounts;
using Xunit.Abstractions;

namespace EthGov.Chain.Tests.Keys;

public sealed class Pkcs11KeysTests(ITestOutputHelper output)
{
    private static readonly BigInteger s_secp256k1HalfOrder = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 2;

    [SoftHsmFact]
    public void SignerKey_SignDigest_RecoversToItsAddressWithLowS()
    {
        var uri = Pkcs11Uri.Parse(SoftHsm.Shared.NewSignerKey());
        using var signer = Pkcs11EthereumSigner.Open(uri);
        using var raw = Pkcs11PrivateKey.Open(uri, EcCurve.Secp256k1);
        var highFromModule = 0;
        const int Count = 200;
        var inModule = TimeSpan.Zero;
        var withRecovery = TimeSpan.Zero;
        for (var i = 0; i < Count; i++)
        {
            var digest = RandomNumberGenerator.GetBytes(32);
            var watch = Stopwatch.StartNew();
            var signature = signer.SignDigest(digest);
            withRecovery += watch.Elapsed;

            Assert.Equal(65, signature.Length);
            Assert.True(new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true) <= s_secp256k1HalfOrder);
            var recovered = EthECKey.RecoverFromSignature(EthECDSASignatureFactory.ExtractECDSASignature("0x" + Convert.ToHexStringLower(signature)), digest);
            Assert.Equal(signer.Address, recovered.GetPublicAddress());

            // The module itself gives high s about half the time: the normalisation above is exercised, not assumed.
            watch.Restart();
            var fromModule = raw.SignDigest(digest);
            inModule += watch.Elapsed;
            if (new BigInteger(fromModule.AsSpan(32, 32), isUnsigned: true, isBigEndian: true) > s_secp256k1HalfOrder)
            {
                highFromModule++;
            }
        }

        Assert.InRange(highFromModule, 1, Count - 1);
        output.WriteLine($"secp256k1 over {Count} digests: C_Sign alone {inModule.TotalMilliseconds / Count:F2} ms, with low-s and recovery id {withRecovery.TotalMilliseconds / Count:F2} ms per signature");
    }

    [SoftHsmFact]
    public void NodeKey_SigningKey_SignsRepeatedly_TimedAgainstAMemoryKey()
    {
        using var keys = NodeKeys.Load(SoftHsm.Shared.NewNodeKey(), 31337);
        using var file = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = RandomNumberGenerator.GetBytes(200);
        const int Count = 200;
        var inModule = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(64, keys.Signing.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Length);
        }

        inModule.Stop();
        var inMemory = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(64, file.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Length);
        }

        inMemory.Stop();
        output.WriteLine($"P-256 over {Count} signatures: through the module {inModule.Elapsed.TotalMilliseconds / Count:F2} ms, in memory {inMemory.Elapsed.TotalMilliseconds / Count:F2} ms per signature");
    }

    [SoftHsmFact]
    public void SignerKey_Eip712Consent_RecoversToTheModuleKey()
    {
        var account = KeyLoader.Load(SoftHsm.Shared.NewSignerKey(), 31337);

        var consent = SignerConsent.Create(account, 31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", 2, 0, DateTimeOffset.UtcNow.AddHours(1));

        Assert.IsType<ExternalAccount>(account.Account);
        Assert.Equal(account.Address, consent.RecoverSigner());
        Assert.Null(consent.Mismatch(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", 2, account.Address, 0, DateTimeOffset.UtcNow));
    }

    [SoftHsmFact]
    public void NodeKey_SigningKey_SignsWhatDotNetVerifies_AndCannotBeExported()
    {
        using var keys = NodeKeys.Load(SoftHsm.Shared.NewNodeKey(), 31337);
        var data = RandomNumberGenerator.GetBytes(300);
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = keys.SigningPublicKey[..32], Y = keys.SigningPublicKey[32..] },
        });

        var signature = keys.Signing.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.True(verifier.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        data[0] ^= 1;
        Assert.False(verifier.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Throws<CryptographicException>(() => keys.Signing.ExportPkcs8PrivateKey());
        Assert.Throws<CryptographicException>(() => keys.Encryption.ExportBytes());
    }

    [SoftHsmFact]
    public void NodeKey_EncryptionKey_OpensHpkeSealedToItsPublishedKey()
    {
        using var keys = NodeKeys.Load(SoftHsm.Shared.NewNodeKey(), 31337);
        var plaintext = RandomNumberGenerator.GetBytes(1000);
        var recipient = HpkePublicKey.FromBytes([0x04, .. keys.EncryptionPublicKey]);

        var sealedRecord = HpkeBaseMode.Seal(HpkeSuite.P256Sha256Aes128Gcm, recipient, "info"u8, "aad"u8, plaintext);
        var opened = HpkeBaseMode.Open(HpkeSuite.P256Sha256Aes128Gcm, sealedRecord.EncapsulatedKey, keys.Encryption, "info"u8, "aad"u8, sealedRecord.Ciphertext);

        Assert.Equal(plaintext, opened);
        Assert.ThrowsAny<CryptographicException>(() => HpkeBaseMode.Open(HpkeSuite.P256Sha256Aes128Gcm, sealedRecord.EncapsulatedKey, keys.Encryption, "other"u8, "aad"u8, sealedRecord.Ciphertext));
    }

    [SoftHsmFact]
    public void EcdhInTheModule_EqualsDotNetEcdhWithTheOtherHalf()
    {
        var uri = Pkcs11Uri.Parse(SoftHsm.Shared.NewNodeKey());
        using var module = Pkcs11Ecdh.Open(uri.WithObjectLabel(uri.ObjectLabel + NodeKeys.Pkcs11EncryptionSuffix));
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        var inModule = module.DeriveRawSecretAgreement(peer.PublicKey);
        var inDotNet = peer.DeriveRawSecretAgreement(module.PublicKey);

        Assert.Equal(32, inModule.Length);
        Assert.Equal(inDotNet, inModule);
    }

    [SoftHsmFact]
    public void KeyLoader_WrongPin_OneLineNamingTheTokenNotThePin()
    {
        var file = Path.Combine(SoftHsm.Shared.Folder, "wrong-pin-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, "000000\n");
        var uri = SoftHsm.Shared.Uri("signer", SoftHsm.PinToken, "file:" + file);

        var error = Assert.Throws<Pkcs11KeyException>(() => KeyLoader.Load(uri, 31337));

        Assert.Equal($"PKCS#11 token '{SoftHsm.PinToken}' refused the PIN (CKR_PIN_INCORRECT): check file:{file}", error.Message);
    }

    [SoftHsmFact]
    public void KeyLoader_MissingObject_OneLineNamingTheLabel()
    {
        var error = Assert.Throws<Pkcs11KeyException>(() => KeyLoader.Load(SoftHsm.Shared.Uri("no-such-key"), 31337));

        Assert.Equal($"PKCS#11 token '{SoftHsm.KeysToken}' holds no EC private key labelled 'no-such-key'", error.Message);
    }

    [SoftHsmFact]
    public void KeyLoader_MissingToken_OneLine()
    {
        var error = Assert.Throws<Pkcs11KeyException>(() => KeyLoader.Load(SoftHsm.Shared.Uri("signer", "no-such-token"), 31337));

        Assert.StartsWith($"PKCS#11 module '{SoftHsm.ModulePath}' has no token labelled 'no-such-token'", error.Message, StringComparison.Ordinal);
    }

    [SoftHsmFact]
    public void KeyLoader_NodeKeyAsSignerKey_IsRefusedForItsCurve()
    {
        var node = Pkcs11Uri.Parse(SoftHsm.Shared.NewNodeKey());
        var signing = SoftHsm.Shared.Uri(node.ObjectLabel + NodeKeys.Pkcs11SigningSuffix);

        var error = Assert.Throws<Pkcs11KeyException>(() => KeyLoader.Load(signing, 31337));

        Assert.EndsWith("is not on curve secp256k1", error.Message, StringComparison.Ordinal);
    }

    [SoftHsmFact]
    public void Generate_LabelTaken_IsRefused()
    {
        var uri = Pkcs11Uri.Parse(SoftHsm.Shared.NewSignerKey());

        var error = Assert.Throws<Pkcs11KeyException>(() => Pkcs11KeyGenerator.Generate(uri, EcCurve.Secp256k1, Pkcs11KeyGenerator.Usage.Sign));

        Assert.Contains("already holds an object labelled", error.Message, StringComparison.Ordinal);
    }
}
