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
