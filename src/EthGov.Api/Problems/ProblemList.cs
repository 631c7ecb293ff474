namespace EthGov.Api.Problems;

/// <summary>
/// Names (scopes, states) as one value of a detail sentence; the sentence's format joins them in its own language:
/// <c>{0:and}</c> → <c>a and b</c>, <c>{0:和}</c> → <c>a和b</c>, <c>{0:to}</c> → <c>a to b</c> (<c>{0:至}</c> in Chinese),
/// any other format → <c>a, b</c>.
/// </summary>
public sealed class ProblemList(IEnumerable<string> names) : IFormattable
{
    private readonly string[] _names = [.. names];

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        "and" => string.Join(" and ", _names),
        "和" => string.Join("和", _names),
        "、" => string.Join("、", _names),
        "to" => string.Join(" to ", _names),
        "至" => string.Join(" 至 ", _names),
        _ => string.Join(", ", _names),
    };

    /// <inheritdoc />
    public override string ToString() => ToString(null, null);
}
