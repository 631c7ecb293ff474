using EthGov.Core.Crypto.Hpke;
using V = EthGov.Core.Tests.Crypto.Hpke.Rfc9180A31Vectors;

namespace EthGov.Core.Tests.Crypto.Hpke;

/// <summary>What HPKE must refuse: altered or misdirected ciphertexts, replays inside a context, invalid keys.</summary>
public class HpkeRefusalTests
{
    private static readonly HpkeSuite Suite = HpkeSuite.P256Sha256Aes256Gcm;
    private static readonly byte[] Info = "grant 41 / access log 7"u8.ToArray();
    private static readonly byte[] Aad = "record 0xabc"u8.ToArray();
    private static readonly byte[] Plaintext = "birth certificate of a citizen"u8.ToArray();

    [Fact]
    public void Open_AnyByteOfCiphertextOrTagFlipped_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(Suite, recipient.PublicKey, Info, Aad, Plaintext);

        for (int i = 0; i < sealedMessage.Ciphertext.Length; i++)
        {
            var tampered = sealedMessage.Ciphertext.ToArray();
            tampered[i] ^= 0x01;
            Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(Suite, sealedMessage.EncapsulatedKey, recipient, Info, Aad, tampered));
        }
    }

    [Fact]
    public void Open_TruncatedBelowTheTag_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(Suite, recipient.PublicKey, Info, Aad, Plaintext);

        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(Suite, sealedMessage.EncapsulatedKey, recipient, Info, Aad, sealedMessage.Ciphertext.AsSpan(0, 15)));
    }

    [Fact]
    public void Open_WrongAad_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(Suite, recipient.PublicKey, Info, Aad, Plaintext);

        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(Suite, sealedMessage.EncapsulatedKey, recipient, Info, "record 0xabd"u8, sealedMessage.Ciphertext));
    }

    [Fact]
    public void Open_WrongInfo_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(Suite, recipient.PublicKey, Info, Aad, Plaintext);

        // Content released under one grant and log must not open as released under another.
        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(Suite, sealedMessage.EncapsulatedKey, recipient, "grant 42 / access log 7"u8, Aad, sealedMessage.Ciphertext));
    }

    [Fact]
    public void Open_WrongRecipientKey_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var other = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(Suite, recipient.PublicKey, Info, Aad, Plaintext);

        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(Suite, sealedMessage.EncapsulatedKey, other, Info, Aad, sealedMessage.Ciphertext));
    }

    [Fact]
    public void Open_EncapsulatedKeyOfAnotherMessage_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var first = HpkeBaseMode.Seal(Suite, recipient.PublicKey, Info, Aad, Plaintext);
        var second = HpkeBaseMode.Seal(Suite, recipient.PublicKey, Info, Aad, Plaintext);

        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(Suite, second.EncapsulatedKey, recipient, Info, Aad, first.Ciphertext));
    }

    [Fact]
    public void Open_WithTheOtherAesSuite_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sealedMessage = HpkeBaseMode.Seal(HpkeSuite.P256Sha256Aes128Gcm, recipient.PublicKey, Info, Aad, Plaintext);

        Assert.Throws<HpkeOpenException>(() => HpkeBaseMode.Open(HpkeSuite.P256Sha256Aes256Gcm, sealedMessage.EncapsulatedKey, recipient, Info, Aad, sealedMessage.Ciphertext));
    }

    [Fact]
    public void RecipientContext_SameCiphertextTwice_SecondIsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(Suite, recipient.PublicKey, Info);
        using var receiver = HpkeBaseMode.SetupBaseR(Suite, sender.EncapsulatedKey.Span, recipient, Info);
        var first = sender.Seal(Aad, Plaintext);

        Assert.Equal(Plaintext, receiver.Open(Aad, first));
        Assert.Throws<HpkeOpenException>(() => receiver.Open(Aad, first));
    }

    [Fact]
    public void RecipientContext_OutOfOrder_IsRefused()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(Suite, recipient.PublicKey, Info);
        using var receiver = HpkeBaseMode.SetupBaseR(Suite, sender.EncapsulatedKey.Span, recipient, Info);
        var first = sender.Seal(Aad, Plaintext);
        var second = sender.Seal(Aad, Plaintext);

        Assert.Throws<HpkeOpenException>(() => receiver.Open(Aad, second));
        Assert.Equal(Plaintext, receiver.Open(Aad, first));
        Assert.Equal(Plaintext, receiver.Open(Aad, second));
    }

    [Fact]
    public void RecipientContext_FailedOpen_DoesNotAdvanceTheSequenceNumber()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(Suite, recipient.PublicKey, Info);
        using var receiver = HpkeBaseMode.SetupBaseR(Suite, sender.EncapsulatedKey.Span, recipient, Info);
        var ciphertext = sender.Seal(Aad, Plaintext);
        var tampered = ciphertext.ToArray();
        tampered[^1] ^= 0x80;

        Assert.Throws<HpkeOpenException>(() => receiver.Open(Aad, tampered));
        Assert.Equal(0UL, receiver.SequenceNumber);
        Assert.Equal(Plaintext, receiver.Open(Aad, ciphertext));
        Assert.Equal(1UL, receiver.SequenceNumber);
    }

    [Fact]
    public void SenderContext_SamePlaintextTwice_UsesTheNextNonce()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(Suite, recipient.PublicKey, Info);

        // The API takes no sequence number or nonce, so reusing one cannot be expressed; each Seal moves on.
        var first = sender.Seal(Aad, Plaintext);
        var second = sender.Seal(Aad, Plaintext);

        Assert.NotEqual(first, second);
        Assert.Equal(2UL, sender.SequenceNumber);
    }

    [Fact]
    public void Contexts_AtTheLastSequenceNumber_SealAndOpenOnceThenRefuse()
    {
        using var schedule = KeySchedule.DeriveBase(Suite, V.SharedSecret, Info);
        using var sender = new HpkeSenderContext(Suite, schedule, V.Enc, ulong.MaxValue - 1);
        using var receiver = new HpkeRecipientContext(Suite, schedule, ulong.MaxValue - 1);

        var last = sender.Seal(Aad, Plaintext);
        Assert.Equal(Plaintext, receiver.Open(Aad, last));

        Assert.Throws<HpkeMessageLimitException>(() => sender.Seal(Aad, Plaintext));
        Assert.Throws<HpkeMessageLimitException>(() => receiver.Open(Aad, last));
    }

    public static TheoryData<string, string, HpkeKeyProblem> InvalidPublicKeys()
    {
        var valid = Convert.ToHexStringLower(V.PkRm);
        string x = valid[2..66], y = valid[66..];
        const string p = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
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
            { "x equal to p", "04" + p + y, HpkeKeyProblem.CoordinateOutOfRange },
            { "y equal to p", "04" + x + p, HpkeKeyProblem.CoordinateOutOfRange },
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

        var e = Assert.Throws<HpkeInvalidKeyException>(() => HpkeBaseMode.SetupBaseR(Suite, Convert.FromHexString(hex), recipient, Info));
        Assert.True(problem == e.Problem, $"{name}: expected {problem}, got {e.Problem}");
    }

    // (0, y) is on P-256 because b is a square mod p; with private key 1 its Diffie-Hellman result is x = 0.
    private const string PointWithZeroX = "04" + "0000000000000000000000000000000000000000000000000000000000000000"
        + "66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4";

    private static readonly byte[] ScalarOne = Convert.FromHexString(new string('0', 63) + "1");

    [Fact]
    public void SetupBaseR_ZeroSharedSecret_IsRefused()
    {
        using var recipient = HpkePrivateKey.FromBytes(ScalarOne);

        var e = Assert.Throws<HpkeInvalidKeyException>(() => HpkeBaseMode.SetupBaseR(Suite, Convert.FromHexString(PointWithZeroX), recipient, Info));
        Assert.Equal(HpkeKeyProblem.ZeroSharedSecret, e.Problem);
    }

    [Fact]
    public void SetupBaseS_ZeroSharedSecret_IsRefused()
    {
        var recipient = HpkePublicKey.FromBytes(Convert.FromHexString(PointWithZeroX));
        using var ephemeral = HpkePrivateKey.FromBytes(ScalarOne);

        var e = Assert.Throws<HpkeInvalidKeyException>(() => HpkeBaseMode.SetupBaseS(Suite, recipient, Info, ephemeral));
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
