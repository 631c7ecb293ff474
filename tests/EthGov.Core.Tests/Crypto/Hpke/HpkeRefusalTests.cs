using EthGov.Core.Crypto.Hpke;
using V = EthGov.Core.Tests.Crypto.Hpke.Rfc9180A31Vectors;

namespace EthGov.Core.Tests.Crypto.Hpke;

/// <summary>What HPKE must refuse: altered or misdirected ciphertexts, replays inside a context, invalid keys.</summary>
public class HpkeRefusalTests
{
    private static readonly HpkeSuite s_suite = HpkeSuite.P256Sha256Aes256Gcm;
    private static readonly byte[] s_info = "grant 41 / access log 7"u8.ToArray();
    private static readonly byte[] s_aad = "record 0xabc"u8.ToArray();
    private static readonly byte[] s_plaintext = "birth certificate of a citizen"u8.ToArray();

    [Fact]
    public void Open_AnyByteOfCiphertextOrTagFlipped_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(s_suite, recipient.PublicKey, s_info, s_aad, s_plaintext);

        for (int i = 0; i < sealedMessage.Ciphertext.Length; i++)
        {
            var tampered = sealedMessage.Ciphertext.ToArray();
            tampered[i] ^= 0x01;
            Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(s_suite, sealedMessage.EncapsulatedKey, recipient, s_info, s_aad, tampered));
        }
    }

    [Fact]
    public void Open_TruncatedBelowTheTag_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(s_suite, recipient.PublicKey, s_info, s_aad, s_plaintext);

        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(s_suite, sealedMessage.EncapsulatedKey, recipient, s_info, s_aad, sealedMessage.Ciphertext.AsSpan(0, 15)));
    }

    [Fact]
    public void Open_WrongAad_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(s_suite, recipient.PublicKey, s_info, s_aad, s_plaintext);

        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(s_suite, sealedMessage.EncapsulatedKey, recipient, s_info, "record 0xabd"u8, sealedMessage.Ciphertext));
    }

    [Fact]
    public void Open_WrongInfo_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(s_suite, recipient.PublicKey, s_info, s_aad, s_plaintext);

        // Content released under one grant and log must not open as released under another.
        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(s_suite, sealedMessage.EncapsulatedKey, recipient, "grant 42 / access log 7"u8, s_aad, sealedMessage.Ciphertext));
    }

    [Fact]
    public void Open_WrongRecipientKey_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var other = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(s_suite, recipient.PublicKey, s_info, s_aad, s_plaintext);

        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(s_suite, sealedMessage.EncapsulatedKey, other, s_info, s_aad, sealedMessage.Ciphertext));
    }

    [Fact]
    public void Open_EncapsulatedKeyOfAnotherMessage_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var first = HpkeBaseMode.Seal(s_suite, recipient.PublicKey, s_info, s_aad, s_plaintext);
        var second = HpkeBaseMode.Seal(s_suite, recipient.PublicKey, s_info, s_aad, s_plaintext);

        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(s_suite, second.EncapsulatedKey, recipient, s_info, s_aad, first.Ciphertext));
    }

    [Fact]
    public void Open_WithTheOtherAesSuite_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(HpkeSuite.P256Sha256Aes128Gcm, recipient.PublicKey, s_info, s_aad, s_plaintext);

        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(HpkeSuite.P256Sha256Aes256Gcm, sealedMessage.EncapsulatedKey, recipient, s_info, s_aad, sealedMessage.Ciphertext));
    }

    [Fact]
    public void RecipientContext_SameCiphertextTwice_SecondIsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, s_info);
        using var receiver = HpkeBaseMode.SetupBaseR(s_suite, sender.EncapsulatedKey.Span, recipient, s_info);
        var first = sender.Seal(s_aad, s_plaintext);

        Assert.Equal(s_plaintext, receiver.Open(s_aad, first));
        Assert.Throws<HpkeOpenException>(() => receiver.Open(s_aad, first));
    }

    [Fact]
    public void RecipientContext_OutOfOrder_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, s_info);
        using var receiver = HpkeBaseMode.SetupBaseR(s_suite, sender.EncapsulatedKey.Span, recipient, s_info);
        var first = sender.Seal(s_aad, s_plaintext);
        var second = sender.Seal(s_aad, s_plaintext);

        Assert.Throws<HpkeOpenException>(() => receiver.Open(s_aad, second));
        Assert.Equal(s_plaintext, receiver.Open(s_aad, first));
        Assert.Equal(s_plaintext, receiver.Open(s_aad, second));
    }

    [Fact]
    public void RecipientContext_FailedOpen_DoesNotAdvanceTheSequenceNumber()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, s_info);
        using var receiver = HpkeBaseMode.SetupBaseR(s_suite, sender.EncapsulatedKey.Span, recipient, s_info);
        var ciphertext = sender.Seal(s_aad, s_plaintext);
        var tampered = ciphertext.ToArray();
        tampered[^1] ^= 0x80;

        Assert.Throws<HpkeOpenException>(() => receiver.Open(s_aad, tampered));
        Assert.Equal(0UL, receiver.SequenceNumber);
        Assert.Equal(s_plaintext, receiver.Open(s_aad, ciphertext));
        Assert.Equal(1UL, receiver.SequenceNumber);
    }

    [Fact]
    public void SenderContext_SamePlaintextTwice_UsesTheNextNonce()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, s_info);

        // The API takes no sequence number or nonce, so reusing one cannot be expressed; each Seal moves on.
        var first = sender.Seal(s_aad, s_plaintext);
        var second = sender.Seal(s_aad, s_plaintext);

        Assert.NotEqual(first, second);
        Assert.Equal(2UL, sender.SequenceNumber);
    }

    [Fact]
    public void Contexts_AtTheLastSequenceNumber_SealAndOpenOnceThenRefuse()
    {
        using var schedule = KeySchedule.DeriveBase(s_suite, V.SharedSecret, s_info);
        using var sender = new HpkeSenderContext(s_suite, schedule, V.Enc, ulong.MaxValue - 1);
        using var receiver = new HpkeRecipientContext(s_suite, schedule, ulong.MaxValue - 1);

        var last = sender.Seal(s_aad, s_plaintext);
        Assert.Equal(s_plaintext, receiver.Open(s_aad, last));

        Assert.Throws<HpkeMessageLimitException>(() => sender.Seal(s_aad, s_plaintext));
        Assert.Throws<HpkeMessageLimitException>(() => receiver.Open(s_aad, last));
    }

    public static TheoryData<string, string, HpkeKeyProblem> InvalidPublicKeys()
    {
        var valid = Convert.ToHexStringLower(V.PkRm);
        string x = valid[2..66], y = valid[66..];
        const string P = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
        var yPlusOne = y[..^1] + (y[^1] == 'f' ? '0' : (char)(y[^1] + 1));
        return new TheoryData<string, string, HpkeKeyProblem>
        {
            { "empty", "", HpkeKeyProblem.WrongLength },
            { "SEC1 point at infinity", "00", HpkeKeyProblem.WrongLength },
            { "compressed", "02" + x, HpkeKeyProblem.WrongLength },
            { "no prefix", x + y, HpkeKeyProblem.WrongLength },
            { "one byte too many", valid + "00", HpkeKeyProblem.WrongLength },
            { "compressed prefix on 65 bytes", "02" + x + y, HpkeKeyProblem.NotUncompressed },
            { "hybrid prefix", "06" + x + y, HpkeKeyProblem.NotUncompressed },
            { "x equal to p", "04" + P + y, HpkeKeyProblem.CoordinateOutOfRange },
            { "y equal to p", "04" + x + P, HpkeKeyProblem.CoordinateOutOfRange },
            { "all zero coordinates", "04" + new string('0', 128), HpkeKeyProblem.NotOnCurve },
            { "y off by one", "04" + x + yPlusOne, HpkeKeyProblem.NotOnCurve },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidPublicKeys))]
    public void PublicKeyFromBytes_Invalid_IsRefusedWithItsProblem(string name, string hex, HpkeKeyProblem problem)
    {
        var e = Assert.Throws<HpkeInvalidKeyException>(() => HpkePublicKey.FromBytes(Convert.FromHexString(hex)));
        Assert.True(problem == e.Problem, $"{name}: expected {problem}, got {e.Problem}");
    }

    [Theory]
    [MemberData(nameof(InvalidPublicKeys))]
    public void SetupBaseR_InvalidEncapsulatedKey_IsRefusedWithItsProblem(string name, string hex, HpkeKeyProblem problem)
    {
        using var recipient = HpkePrivateKey.FromBytes(V.SkRm);

        var e = Assert.Throws<HpkeInvalidKeyException>(() => HpkeBaseMode.SetupBaseR(s_suite, Convert.FromHexString(hex), recipient, s_info));
        Assert.True(problem == e.Problem, $"{name}: expected {problem}, got {e.Problem}");
    }

    // (0, y) is on P-256 because b is a square mod p; with private key 1 its Diffie-Hellman result is x = 0.
    private const string PointWithZeroX = "04" + "0000000000000000000000000000000000000000000000000000000000000000"
        + "66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4";

    private static readonly byte[] s_scalarOne = Convert.FromHexString(new string('0', 63) + "1");

    [Fact]
    public void SetupBaseR_ZeroSharedSecret_IsRefused()
    {
        using var recipient = HpkePrivateKey.FromBytes(s_scalarOne);

        var e = Assert.Throws<HpkeInvalidKeyException>(() => HpkeBaseMode.SetupBaseR(s_suite, Convert.FromHexString(PointWithZeroX), recipient, s_info));
        Assert.Equal(HpkeKeyProblem.ZeroSharedSecret, e.Problem);
    }

    [Fact]
    public void SetupBaseS_ZeroSharedSecret_IsRefused()
    {
        var recipient = HpkePublicKey.FromBytes(Convert.FromHexString(PointWithZeroX));
        using var ephemeral = HpkePrivateKey.FromBytes(s_scalarOne);

        var e = Assert.Throws<HpkeInvalidKeyException>(() => HpkeBaseMode.SetupBaseS(s_suite, recipient, s_info, ephemeral));
        Assert.Equal(HpkeKeyProblem.ZeroSharedSecret, e.Problem);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", HpkeKeyProblem.ScalarOutOfRange)]
    [InlineData("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", HpkeKeyProblem.ScalarOutOfRange)]
    [InlineData("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632552", HpkeKeyProblem.ScalarOutOfRange)]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", HpkeKeyProblem.ScalarOutOfRange)]
    [InlineData("01", HpkeKeyProblem.WrongLength)]
    [InlineData("00f3ce7fdae57e1a310d87f1ebbde6f328be0a99cdbcadf4d6589cf29de4b8ffd2", HpkeKeyProblem.WrongLength)]
    public void PrivateKeyFromBytes_Invalid_IsRefusedWithItsProblem(string hex, HpkeKeyProblem problem)
    {
        var e = Assert.Throws<HpkeInvalidKeyException>(() => HpkePrivateKey.FromBytes(Convert.FromHexString(hex)));
        Assert.Equal(problem, e.Problem);
    }

    [Fact]
    public void PrivateKeyFromBytes_OrderMinusOne_IsAccepted()
    {
        using var key = HpkePrivateKey.FromBytes(Convert.FromHexString("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550"));

        Assert.Equal(HpkePublicKey.Length, key.PublicKey.Encoded.Length);
    }
}
