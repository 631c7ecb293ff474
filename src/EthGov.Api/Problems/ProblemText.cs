namespace EthGov.Api.Problems;

/// <summary>
/// A problem's detail sentence in every language the API answers in, with its values already in place. Only the
/// catalog's templates (<see cref="ProblemTemplate"/>) make one, so a route cannot hand out a detail without its
/// Chinese form. As a value of another sentence, <c>{0:zh}</c> gives its Chinese form and any other format its English one.
/// </summary>
public sealed class ProblemText : IFormattable
{
    internal ProblemText(string english, string chinese)
    {
        English = english;
        Chinese = chinese;
    }

    /// <summary>The English sentence.</summary>
    public string English { get; }

    /// <summary>The Simplified Chinese sentence.</summary>
    public string Chinese { get; }

    /// <summary>The sentence in <paramref name="language"/> (<see cref="ProblemLanguages.Chinese"/> or English).</summary>
    public string In(string language) => language == ProblemLanguages.Chinese ? Chinese : English;

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => format == "zh" ? Chinese : English;

    /// <inheritdoc />
    public override string ToString() => English;
}
