using EthGov.Core.Crypto.Hpke;

namespace EthGov.Core.Tests.Crypto.Hpke;

public class HpkeContextTests
{
    private static readonly HpkeSuite s_suite = HpkeSuite.P256Sha256Aes128Gcm;

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(255 * 32 + 1)]
    public void Export_LengthOutsideOneTo255Blocks_IsRefused(int length)
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, "info"u8);

        Assert.Throws<ArgumentOutOfRangeException>(() => sender.Export("ctx"u8, length));
    }

    [Fact]
    public void Export_LongestLength_AgreesOnBothSides()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, "info"u8);
        using var receiver = HpkeBaseMode.SetupBaseR(s_suite, sender.EncapsulatedKey.Span, recipient, "info"u8);

        Assert.Equal(sender.Export("ctx"u8, 255 * 32), receiver.Export("ctx"u8, 255 * 32));
    }

    [Fact]
    public void Export_DifferentInfo_DiffersOnTheSameKey()
    {
        using var recipient = HpkePrivateKey.Generate();
        using var a = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, "grant 1"u8);
        using var b = HpkeBaseMode.SetupBaseR(s_suite, a.EncapsulatedKey.Span, recipient, "grant 2"u8);

        Assert.NotEqual(a.Export("ctx"u8, 32), b.Export("ctx"u8, 32));
    }

    [Fact]
    public void Disposed_SealAndExport_Throw()
    {
        using var recipient = HpkePrivateKey.Generate();
        var sender = HpkeBaseMode.SetupBaseS(s_suite, recipient.PublicKey, "info"u8);
        sender.Dispose();

        Assert.Throws<ObjectDisposedException>(() => sender.Seal([], []));
        Assert.Throws<ObjectDisposedException>(() => sender.Export([], 32));
    }
}
