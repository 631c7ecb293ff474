using System.Security.Cryptography;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Tests.Crypto.HttpSignatures;

public class EcdsaP256Sha256Tests
{
    private static readonly byte[] s_data = "\"@method\": POST"u8.ToArray();

    [Fact]
    public void Sign_Is64BytesOfRAndS()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Equal(EcdsaP256Sha256.SignatureSize, EcdsaP256Sha256.Sign(key, s_data).Length);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(0)]
    public void Verify_SignatureOfAnotherLength_IsFalse(int length)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] signature = EcdsaP256Sha256.Sign(key, s_data);
        Array.Resize(ref signature, length);

        Assert.False(EcdsaP256Sha256.Verify(key, s_data, signature));
    }

    [Fact]
    public void ImportPublicKey_ExportedPoint_VerifiesWhatThePrivateKeySigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] point = EcdsaP256Sha256.ExportPublicKey(key);

        using var fromPoint = EcdsaP256Sha256.ImportPublicKey(point);
        using var fromPrefixedPoint = EcdsaP256Sha256.ImportPublicKey([0x04, .. point]);

        byte[] signature = EcdsaP256Sha256.Sign(key, s_data);
        Assert.True(EcdsaP256Sha256.Verify(fromPoint, s_data, signature));
        Assert.True(EcdsaP256Sha256.Verify(fromPrefixedPoint, s_data, signature));
    }

    [Fact]
    public void ImportPublicKey_PointOffTheCurve_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] point = EcdsaP256Sha256.ExportPublicKey(key);
        point[63] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => EcdsaP256Sha256.ImportPublicKey(point));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(66)]
    public void ImportPublicKey_OtherLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => EcdsaP256Sha256.ImportPublicKey(new byte[length]));
    }

    [Fact]
    public void ExportPublicKey_P384Key_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => EcdsaP256Sha256.ExportPublicKey(key));
    }

    [Fact]
    public void Verify_WithAP384Key_IsFalse()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.False(EcdsaP256Sha256.Verify(key, s_data, new byte[EcdsaP256Sha256.SignatureSize]));
    }
}
