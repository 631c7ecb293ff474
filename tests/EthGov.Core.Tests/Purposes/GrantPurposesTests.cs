using EthGov.Core.Codes;
using EthGov.Core.Purposes;

namespace EthGov.Core.Tests.Purposes;

public class GrantPurposesTests
{
    [Fact]
    public void All_NumbersAndNames_AreUniqueAndNumbersRunFromOneWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, GrantPurposes.All.Count), GrantPurposes.All.Select(p => (int)p.Number));
        Assert.Equal(GrantPurposes.All.Count, GrantPurposes.All.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(GrantPurposes.All, p => Assert.Matches("^[a-z]+(-[a-z]+)*$", p.Name));
    }

    [Fact]
    public void All_TitlesAndDescriptions_AreGivenInBothLanguagesAndDiffer()
    {
        foreach (var text in GrantPurposes.All.SelectMany(p => new[] { p.Title, p.Description }))
        {
            Assert.Equal(CodeLanguages.All.Order(), text.Keys.Order());
            Assert.All(text.Values, v => Assert.False(string.IsNullOrWhiteSpace(v)));
            Assert.NotEqual(text[CodeLanguages.English], text[CodeLanguages.Chinese]);
        }

        foreach (var language in CodeLanguages.All)
        {
            Assert.Equal(GrantPurposes.All.Count, GrantPurposes.All.Select(p => p.Title[language]).Distinct().Count());
        }
    }

    [Theory]
    [InlineData("health-care", 2)]
    [InlineData("TAX", 4)]
    [InlineData(" civil-status ", 7)]
    [InlineData("10", 10)]
    public void TryParse_ListedNameOrNumber_FindsThePurpose(string text, int number)
    {
        Assert.True(GrantPurposes.TryParse(text, out var purpose, out var error));
        Assert.Equal((number, ""), (purpose!.Number, error));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("unspecified")]
    [InlineData("+4")]
    [InlineData("")]
    public void TryParse_AnythingElse_FailsWithOneLineListingTheCodes(string text)
    {
        Assert.False(GrantPurposes.TryParse(text, out var purpose, out var error));
        Assert.Null(purpose);
        Assert.StartsWith($"'{text.Trim()}' is not a listed purpose; use one of benefit-eligibility (1), health-care (2), ", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void Describe_ListedAndUnlisted() => Assert.Equal(("tax (4)", "unlisted code 42"), (GrantPurposes.Describe(4), GrantPurposes.Describe(42)));
}
