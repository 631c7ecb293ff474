using EthGov.Core.Verification;

namespace EthGov.Core.Tests.Verification;

public class ChainTimeTests
{
    [Fact]
    public void FromSeconds_WithinYear9999_IsThatTime()
    {
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), ChainTime.FromSeconds(1_893_456_000));
    }

    [Theory]
    [InlineData(253_402_300_799UL)]
    [InlineData(253_402_300_800UL)]
    [InlineData(1UL << 40)]
    [InlineData(ulong.MaxValue)]
    public void FromSeconds_AtOrBeyondTheEndOf9999_IsTheLastSecondOf9999(ulong seconds)
    {
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), ChainTime.FromSeconds(seconds));
    }

    [Fact]
    public void FromSecondsOrNone_ValidUntilBeyond9999_ReadsWithoutOverflow()
    {
        Assert.Equal(ChainTime.Latest, ChainTime.FromSecondsOrNone(ulong.MaxValue));
    }
}
