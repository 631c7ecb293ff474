using EthGov.Core.Revocations;

namespace EthGov.Core.Tests.Revocations;

public class RevocationReasonsTests
{
    [Fact]
    public void All_NumbersAndNames_AreUniqueAndNumbersRunFromZeroWithoutGaps()
    {
        var numbers = RevocationReasons.All.Select(r => (int)r.Number).ToArray();

        Assert.Equal(Enumerable.Range(0, RevocationReasons.All.Count), numbers);
        Assert.Equal(RevocationReasons.All.Count, RevocationReasons.All.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void All_Names_AreLowerCaseWordsJoinedByHyphens()
    {
        Assert.All(RevocationReasons.All, r => Assert.Matches("^[a-z]+(-[a-z]+)*$", r.Name));
    }

    [Fact]
    public void All_TitlesAndDescriptions_AreGivenInBothLanguagesAndDiffer()
    {
        Assert.Equal(["en", "zh-CN"], RevocationReasons.Languages);
        foreach (var text in RevocationReasons.All.SelectMany(r => new[] { r.Title, r.Description }))
        {
            Assert.Equal(RevocationReasons.Languages.Order(), text.Keys.Order());
            Assert.All(text.Values, v => Assert.False(string.IsNullOrWhiteSpace(v)));
            Assert.NotEqual(text[RevocationReasons.English], text[RevocationReasons.Chinese]);
        }

        foreach (var language in RevocationReasons.Languages)
        {
            Assert.Equal(RevocationReasons.All.Count, RevocationReasons.All.Select(r => r.Title[language]).Distinct().Count());
        }
    }

    [Theory]
    [InlineData("fraud", 4)]
    [InlineData("FRAUD", 4)]
    [InlineData(" issued-in-error ", 1)]
    [InlineData("4", 4)]
    [InlineData("0", 0)]
    [InlineData("lost-or-stolen", 8)]
    public void TryParse_ListedNameOrNumber_FindsTheReason(string text, int number)
    {
        Assert.True(RevocationReasons.TryParse(text, out var reason, out var error));
        Assert.Equal(number, reason.Number);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("frod")]
    [InlineData("9")]
    [InlineData("65535")]
    [InlineData("-1")]
    [InlineData("+4")]
    [InlineData("4.0")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnlistedText_FailsWithOneLineListingTheCodes(string? text)
    {
        Assert.False(RevocationReasons.TryParse(text, out _, out var error));
        Assert.Contains("is not a listed revocation reason", error, StringComparison.Ordinal);
        Assert.Contains("fraud (4)", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TryParse_ControlCharactersAndLongText_AreNotEchoed()
    {
        Assert.False(RevocationReasons.TryParse("fr\naud\u001b[31m" + new string('x', 500), out _, out var error));

        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\u001b', error);
        Assert.True(error.Length < 500, error);
    }

    [Fact]
    public void Describe_ListedAndUnlistedNumbers_NameTheCodeOrSayItIsUnlisted()
    {
        Assert.Equal("fraud (4)", RevocationReasons.Describe(4));
        Assert.Equal("unlisted code 42", RevocationReasons.Describe(42));
    }
}
