using EthGov.Core.Digests;
using EthGov.Core.Records;

namespace EthGov.Core.Tests.Records;

public class RecordKindTests
{
    [Fact]
    public void Id_BirthCertificate_IsSha256OfThePrefixedName()
    {
        // printf 'ethgov:record-kind:birth-certificate' | sha256sum
        Assert.Equal(Digest.Parse("0x0d86ebe427b51e1c06001af8fd66ac799804e97ca10e7275bd42f2baac29d021"), RecordKind.Id("birth-certificate"));
    }

    [Theory]
    [InlineData("birth-certificate")]
    [InlineData("a")]
    [InlineData("form-2024")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghij")]
    public void IsValidName_KindNames_AreValid(string name) => Assert.True(RecordKind.IsValidName(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Birth-Certificate")]
    [InlineData("birth certificate")]
    [InlineData("birth_certificate")]
    [InlineData("geburtsurkunde-ä")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijk")]
    public void IsValidName_OtherText_IsInvalidAndIdRefusesIt(string? name)
    {
        Assert.False(RecordKind.IsValidName(name));
        if (name is not null)
        {
            Assert.Throws<ArgumentException>(() => RecordKind.Id(name));
        }
    }
}
