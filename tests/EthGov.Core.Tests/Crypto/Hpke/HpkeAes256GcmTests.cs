using System.Security.Cryptography;
using EthGov.Core.Crypto.Hpke;
using V = EthGov.Core.Tests.Crypto.Hpke.Rfc9180A31Vectors;

namespace EthGov.Core.Tests.Crypto.Hpke;

/// <summary>
/// AES-256-GCM with DHKEM(P-256, HKDF-SHA256) and HKDF-SHA256. RFC 9180 Appendix A has no vector for this
/// combination (its AES-256-GCM vectors, A.6, use P-521 and SHA-512), so these tests check the suite
/// identifiers, the key length and that the derived key is what AES-256-GCM encrypts with, plus round trips;
/// the KEM and the key schedule themselves are the ones A.3 checks.
/// </summary>
public class HpkeAes256GcmTests
{
    private static readonly HpkeSuite s_suite = HpkeSuite.P256Sha256Aes256Gcm;

    [Fact]
    public void SuiteIds_AreTheRfcCodePoints()
    {
        Assert.Equal("48504b45" + "0010" + "0001" + "0002", Convert.ToHexStringLower(s_suite.SuiteId));
        Assert.Equal("48504b45" + "0010" + "0001" + "0001", Convert.ToHexStringLower(HpkeSuite.P256Sha256Aes128Gcm.SuiteId));
        Assert.Equal(32, s_suite.KeyLength);
        Assert.Equal(16, HpkeSuite.P256Sha256Aes128Gcm.KeyLength);
    }

    [Fact]
    public void KeySchedule_RfcSharedSecret_GivesA32ByteKeyUnlikeTheAes128Suite()
    {
        using var aes256 = KeySchedule.DeriveBase(s_suite, V.SharedSecret, V.Info);

        Assert.Equal(32, aes256.Key.Length);
        Assert.Equal(12, aes256.BaseNonce.Length);
        // The AEAD id is part of suite_id, so the whole schedule differs from A.3's even from the same secret.
        Assert.NotEqual(V.KeyScheduleContext, aes256.Context);
        Assert.NotEqual(V.Secret, aes256.Secret);
        Assert.NotEqual(V.Key, aes256.Key.AsSpan(0, 16).ToArray());
    }

    [Fact]
    public void SenderContext_Seals_WithAes256GcmUnderTheScheduleKey()
    {
        using var recipient = HpkePrivateKey.FromBytes(V.SkRm);
        using var ephemeral = HpkePrivateKey.Derive(V.IkmE);
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, V.Info, ephemeral);
        using var schedule = KeySchedule.DeriveBase(s_suite, V.SharedSecret, V.Info);
        var aad = V.AadAt(0);

        var ciphertext = sender.Seal(aad, V.Plaintext);

        // Decrypt independently with .NET's AES-GCM and the 32-byte key: the context really is AES-256-GCM.
        using var aes = new AesGcm(schedule.Key, 16);
        var plaintext = new byte[V.Plaintext.Length];
        aes.Decrypt(schedule.BaseNonce, ciphertext.AsSpan(0, plaintext.Length), ciphertext.AsSpan(plaintext.Length), plaintext, aad);
        Assert.Equal(V.Plaintext, plaintext);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(1 << 20)]
    public void SingleShot_RoundTrip_GivesThePlaintextBack(int length)
    {
        using var recipient = HpkePrivateKey.Generate();
        var plaintext = RandomNumberGenerator.GetBytes(length);

        var sealedMessage = HpkeBaseMode.Seal(s_suite, recipient.PublicKey, "info"u8, "aad"u8, plaintext);

        Assert.Equal(HpkePublicKey.Length, sealedMessage.EncapsulatedKey.Length);
        Assert.Equal(length + HpkeSuite.TagLength, sealedMessage.Ciphertext.Length);
        Assert.Equal(plaintext, HpkeBaseMode.Open(s_suite, sealedMessage.EncapsulatedKey, recipient, "info"u8, "aad"u8, sealedMessage.Ciphertext));
    }

    [Fact]
    public void Contexts_ManyMessagesAndExports_Agree()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, "info"u8);
        using var receiver = HpkeBaseMode.SetupBaseR(s_suite, sender.EncapsulatedKey.Span, recipient, "info"u8);

        for (int i = 0; i < 300; i++)
        {
            var message = RandomNumberGenerator.GetBytes(i);
            Assert.Equal(message, receiver.Open([(byte)i], sender.Seal([(byte)i], message)));
        }

        Assert.Equal(sender.Export("exchange"u8, 64), receiver.Export("exchange"u8, 64));
        Assert.NotEqual(sender.Export("exchange"u8, 32), sender.Export("exchange2"u8, 32));
    }
}
