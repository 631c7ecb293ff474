using System.Security.Cryptography;
using EthGov.Core.Crypto;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Tests.Crypto;

/// <summary>
/// The published keys a node imports once and shares: one instance per published value, no key for bytes that are no
/// P-256 point, and the shared instances still check signatures and encrypt correctly when many threads use them at once.
/// </summary>
public sealed class PublishedKeysTests
{
    [Fact]
    public void SamePublishedBytes_SameSigningKey_OtherBytesAnother_AndNoPointNoKey()
    {
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var published = EcdsaP256Sha256.ExportPublicKey(first);

        var key = PublishedKeys.Signing(published);
        Assert.NotNull(key);
        Assert.Same(key, PublishedKeys.Signing(published.ToArray()));
        Assert.NotSame(key, PublishedKeys.Signing(EcdsaP256Sha256.ExportPublicKey(second)));

        var offCurve = published.ToArray();
        offCurve[^1] ^= 1;
        Assert.Null(PublishedKeys.Signing(offCurve));
        Assert.Null(PublishedKeys.Signing(published.AsSpan(1)));
        Assert.Null(PublishedKeys.Encryption(offCurve));
    }

    [Fact]
    public async Task SharedKeys_UsedByManyThreadsAtOnce_VerifyAndEncryptAsAFreshImportDoes()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var recipient = HpkePrivateKey.Generate();
        var signing = PublishedKeys.Signing(EcdsaP256Sha256.ExportPublicKey(signer))!;
        var encryption = PublishedKeys.Encryption(recipient.PublicKey.ToArray().AsSpan(1))!;
        Assert.Same(encryption, PublishedKeys.Encryption(recipient.PublicKey.ToArray().AsSpan(1)));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var message = BitConverter.GetBytes(i);
            var signature = EcdsaP256Sha256.Sign(signer, message);
            var forged = signature.ToArray();
            forged[5] ^= 0x40;
            var sealedMessage = HpkeBaseMode.Seal(HpkeSuite.P256Sha256Aes256Gcm, encryption, "info"u8, "aad"u8, message);
            var opened = HpkeBaseMode.Open(HpkeSuite.P256Sha256Aes256Gcm, sealedMessage.EncapsulatedKey, recipient, "info"u8, "aad"u8, sealedMessage.Ciphertext);
            return EcdsaP256Sha256.Verify(signing, message, signature)
                && !EcdsaP256Sha256.Verify(signing, message, forged)
                && opened.AsSpan().SequenceEqual(message);
        })));

        Assert.All(results, Assert.True);
    }
}
