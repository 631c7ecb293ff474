using EthGov.Core.Records;

namespace EthGov.Core.Tests.Records;

public class PersonKeyTests
{
    [Theory]
    [InlineData(" ab 123 456 c ", "AB123456C")]
    [InlineData("AB123456C", "AB123456C")]
    [InlineData("ab\t123\n456c", "AB123456C")]
    public void Normalize_TrimsUppercasesAndRemovesSpaces(string person, string expected)
    {
        Assert.Equal(expected, PersonKey.Normalize(person));
    }

    [Fact]
    public void Normalize_Blank_Throws()
    {
        Assert.Throws<ArgumentException>(() => PersonKey.Normalize("   "));
    }
}
