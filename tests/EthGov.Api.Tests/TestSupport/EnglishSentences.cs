using System.Text.RegularExpressions;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>
/// The check that a Chinese answer holds no English sentence: a run of three or more English words is a sentence left
/// untranslated, while names, codes, digests and paths are single words (the rule LowerLayerDetailLanguagesTests applies).
/// </summary>
internal static partial class EnglishSentences
{
    /// <summary>Whether <paramref name="text"/> holds a run of three or more English words.</summary>
    public static bool Has(string text) => EnglishRun().IsMatch(text);

    /// <summary>Asserts that <paramref name="text"/> contains <paramref name="expected"/> and no English sentence.</summary>
    public static void AssertChinese(string? text, string expected)
    {
        Assert.NotNull(text);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.False(Has(text), text);
    }

    [GeneratedRegex(@"\b[A-Za-z]+(?:[ ,]+[A-Za-z]+){2,}\b")]
    private static partial Regex EnglishRun();
}
