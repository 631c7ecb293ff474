using System.Collections;

namespace EthGov.Api.Problems;

/// <summary>
/// Catalog sentences (<see cref="ProblemText"/>) as one list: as an extension of a problem (a receipt's problems, a
/// batch's item errors) it is written in the caller's language like the detail (<see cref="ProblemLanguages.Apply"/>);
/// as a value of a detail sentence, <c>{0:zh}</c> joins the Chinese forms with <c>；</c> and any other format the English
/// ones with <c>; </c>. Read as strings, the items are the English sentences.
/// </summary>
public sealed class ProblemTextList(IEnumerable<ProblemText> texts) : IReadOnlyList<string>, IFormattable
{
    private readonly ProblemText[] _texts = [.. texts];

    /// <inheritdoc />
    public string this[int index] => _texts[index].English;

    /// <inheritdoc />
    public int Count => _texts.Length;

    /// <summary>Every sentence in <paramref name="language"/> (<see cref="ProblemLanguages.Chinese"/> or English).</summary>
    public string[] In(string language) => [.. _texts.Select(t => t.In(language))];

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => _texts.Select(t => t.English).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format == "zh" ? string.Join("；", In(ProblemLanguages.Chinese)) : string.Join("; ", In(ProblemLanguages.English));

    /// <inheritdoc />
    public override string ToString() => ToString(null, null);
}
