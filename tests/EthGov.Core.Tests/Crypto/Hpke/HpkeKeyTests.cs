using EthGov.Core.Crypto.Hpke;

namespace EthGov.Core.Tests.Crypto.Hpke;

public class HpkeKeyTests
{
    [Fact]
    public void Generate_ExportedAndReadBack_IsTheSameKey()
    {
        using var key = HpkePrivateKey.Generate();

        var scalar = key.ExportBytes();
        using var again = HpkePrivateKey.FromBytes(scalar);

        Assert.Equal(HpkePrivateKey.Length, scalar.Length);
        Assert.Equal(key.PublicKey.ToArray(), again.PublicKey.ToArray());
    }

    [Fact]
    public void ExportBytes_SmallScalar_KeepsItsLeadingZeros()
    {
        var one = new byte[HpkePrivateKey.Length];
        one[^1] = 1;
        using var key = HpkePrivateKey.FromBytes(one);

        // SerializePrivateKey is fixed-length: a stored key must read back whatever its leading bytes.
        Assert.Equal(one, key.ExportBytes());
        // 1 * G is the generator (FIPS 186-4 D.1.2.3).
        Assert.Equal(
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296" + "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
            Convert.ToHexStringLower(key.PublicKey.Encoded));
    }

    [Fact]
    public void Generate_PublicKey_IsUncompressedAndValid()
    {
        using var key = HpkePrivateKey.Generate();
        var encoded = key.PublicKey.ToArray();

        Assert.Equal(65, encoded.Length);
        Assert.Equal(0x04, encoded[0]);
        Assert.Equal(encoded, HpkePublicKey.FromBytes(encoded).ToArray());
    }

    [Fact]
    public void Generate_TwoKeys_Differ()
    {
        using var a = HpkePrivateKey.Generate();
        using var b = HpkePrivateKey.Generate();

        Assert.NotEqual(a.PublicKey.ToArray(), b.PublicKey.ToArray());
    }

    [Fact]
    public void Derive_SameIkm_SameKey_OtherIkm_OtherKey()
    {
        var ikm = new byte[32];
        using var a = HpkePrivateKey.Derive(ikm);
        using var b = HpkePrivateKey.Derive(ikm);
        ikm[31] = 1;
        using var c = HpkePrivateKey.Derive(ikm);

        Assert.Equal(a.ExportBytes(), b.ExportBytes());
        Assert.NotEqual(a.ExportBytes(), c.ExportBytes());
    }

    [Fact]
    public void PublicKeyFromBytes_KeepsItsOwnCopy()
    {
        using var key = HpkePrivateKey.Generate();
        var bytes = key.PublicKey.ToArray();
        var publicKey = HpkePublicKey.FromBytes(bytes);

        bytes[10] ^= 0xff;

        Assert.Equal(key.PublicKey.ToArray(), publicKey.ToArray());
    }
}
