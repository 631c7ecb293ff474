using EthGov.Core.Crypto.Hpke;
using V = EthGov.Core.Tests.Crypto.Hpke.Rfc9180A31Vectors;

namespace EthGov.Core.Tests.Crypto.Hpke;

/// <summary>Every value of RFC 9180 Appendix A.3.1 (P-256, HKDF-SHA256, AES-128-GCM, mode_base), reproduced.</summary>
public class Rfc9180VectorTests
{
    private static readonly HpkeSuite s_suite = HpkeSuite.P256Sha256Aes128Gcm;

    [Fact]
    public void Derive_IkmE_GivesRfcEphemeralKeyPair()
    {
        using var key = HpkePrivateKey.Derive(V.IkmE);

        AssertHex(V.SkEm, key.ExportBytes());
        AssertHex(V.PkEm, key.PublicKey.ToArray());
    }

    [Fact]
    public void Derive_IkmR_GivesRfcRecipientKeyPair()
    {
        using var key = HpkePrivateKey.Derive(V.IkmR);

        AssertHex(V.SkRm, key.ExportBytes());
        AssertHex(V.PkRm, key.PublicKey.ToArray());
    }

    [Fact]
    public void FromBytes_RfcSkRm_HasRfcPublicKey()
    {
        using var key = HpkePrivateKey.FromBytes(V.SkRm);

        AssertHex(V.PkRm, key.PublicKey.ToArray());
    }

    [Fact]
    public void Encap_RfcEphemeral_GivesRfcEncAndSharedSecret()
    {
        using var ephemeral = HpkePrivateKey.Derive(V.IkmE);

        var (sharedSecret, enc) = DhKem.Encap(HpkePublicKey.FromBytes(V.PkRm), ephemeral);

        AssertHex(V.Enc, enc);
        AssertHex(V.SharedSecret, sharedSecret);
    }

    [Fact]
    public void Decap_RfcEnc_GivesRfcSharedSecret()
    {
        using var recipient = HpkePrivateKey.FromBytes(V.SkRm);

        AssertHex(V.SharedSecret, DhKem.Decap(V.Enc, recipient));
    }

    [Fact]
    public void KeySchedule_RfcSharedSecretAndInfo_GivesRfcContextSecretKeyNonceAndExporterSecret()
    {
        using var schedule = KeySchedule.DeriveBase(s_suite, V.SharedSecret, V.Info);

        AssertHex(V.KeyScheduleContext, schedule.Context);
        AssertHex(V.Secret, schedule.Secret);
        AssertHex(V.Key, schedule.Key);
        AssertHex(V.BaseNonce, schedule.BaseNonce);
        AssertHex(V.ExporterSecret, schedule.ExporterSecret);
    }

    [Fact]
    public void ListedAad_IsCountAndSequenceNumber()
    {
        // The sealing tests below also seal the unlisted sequence numbers with this aad; check the rule on the listed ones.
        Assert.All(V.Encryptions, e => AssertHex(e.Aad, V.AadAt(e.SequenceNumber)));
    }

    [Fact]
    public void SenderContext_SealsRfcCiphertextsWithRfcNoncesAtListedSequenceNumbers()
    {
        using var recipient = HpkePrivateKey.FromBytes(V.SkRm);
        using var ephemeral = HpkePrivateKey.Derive(V.IkmE);
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, V.Info, ephemeral);
        AssertHex(V.Enc, sender.EncapsulatedKey.ToArray());

        var listed = V.Encryptions.ToDictionary(e => e.SequenceNumber);
        var sealedAt = new Dictionary<int, byte[]>();
        Span<byte> nonce = stackalloc byte[12];
        for (int seq = 0; seq <= 256; seq++)
        {
            Assert.Equal((ulong)seq, sender.SequenceNumber);
            sender.ComputeNonce(sender.SequenceNumber, nonce);
            if (listed.TryGetValue(seq, out var vector))
            {
                AssertHex(vector.Nonce, nonce.ToArray());
            }

            sealedAt[seq] = sender.Seal(V.AadAt(seq), V.Plaintext);
        }

        Assert.All(V.Encryptions, e => AssertHex(e.Ciphertext, sealedAt[e.SequenceNumber]));
    }

    [Fact]
    public void RecipientContext_OpensRfcCiphertextsAtListedSequenceNumbers()
    {
        using var recipient = HpkePrivateKey.FromBytes(V.SkRm);
        using var context = HpkeBaseMode.SetupBaseR(s_suite, V.Enc, recipient, V.Info);
        using var ephemeral = HpkePrivateKey.Derive(V.IkmE);
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, V.Info, ephemeral);

        var listed = V.Encryptions.ToDictionary(e => e.SequenceNumber);
        int opened = 0;
        for (int seq = 0; seq <= 256; seq++)
        {
            // The recipient cannot skip sequence numbers, so the unlisted ones are filled in by our sender in
            // lock step (its listed output is checked above); the listed ones are the RFC's own bytes.
            var ours = sender.Seal(V.AadAt(seq), V.Plaintext);
            var ciphertext = listed.TryGetValue(seq, out var vector) ? vector.Ciphertext : ours;
            opened += vector is null ? 0 : 1;

            AssertHex(V.Plaintext, context.Open(V.AadAt(seq), ciphertext));
        }

        Assert.Equal(V.Encryptions.Length, opened);
    }

    [Fact]
    public void SingleShotOpen_RfcSequenceZeroCiphertext_GivesRfcPlaintext()
    {
        using var recipient = HpkePrivateKey.Derive(V.IkmR);
        var first = V.Encryptions[0];

        AssertHex(V.Plaintext, HpkeBaseMode.Open(s_suite, V.Enc, recipient, V.Info, first.Aad, first.Ciphertext));
    }

    [Fact]
    public void Export_BothContexts_GiveRfcExportedValues()
    {
        using var recipient = HpkePrivateKey.FromBytes(V.SkRm);
        using var ephemeral = HpkePrivateKey.Derive(V.IkmE);
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, V.Info, ephemeral);
        using var receiver = HpkeBaseMode.SetupBaseR(s_suite, V.Enc, recipient, V.Info);

        Assert.All(V.Exports, e =>
        {
            AssertHex(e.Value, sender.Export(e.Context, e.Length));
            AssertHex(e.Value, receiver.Export(e.Context, e.Length));
        });
    }

    private static void AssertHex(byte[] expected, byte[] actual) =>
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(actual));
}
