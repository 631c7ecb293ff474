using System.Globalization;

namespace EthGov.Core.Codes;

/// <summary>
/// A published list of codes for a <c>uint16</c> the registry stores as it is given: the list grows without a contract
/// upgrade; the API and the CLI send only listed codes, and a number nobody listed (written by another client) is read
/// back as an unlisted code, never guessed at.
/// </summary>
/// <typeparam name="T">The kind of code.</typeparam>
/// <param name="noun">What one code is called in messages (<c>revocation reason</c>, <c>purpose</c>).</param>
/// <param name="all">Every listed code, by number; numbers are appended to, never reused or renumbered.</param>
public sealed class CodeList<T>(string noun, IReadOnlyList<T> all) where T : PublishedCode
{
    /// <summary>Every listed code, by number.</summary>
    public IReadOnlyList<T> All { get; } = all;

    /// <summary>The listed code with this number, or null when the number is not listed.</summary>
    public T? Find(int number) => All.FirstOrDefault(c => c.Number == number);

    /// <summary>
    /// The listed code <paramref name="text"/> names, by name (any case) or by its decimal number; false when it names
    /// none, with <paramref name="error"/> saying so in one line and listing the codes.
    /// </summary>
    public bool TryParse(string? text, out T? code, out string error)
    {
        var trimmed = text?.Trim() ?? "";
        code = int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? Find(number)
            : All.FirstOrDefault(c => string.Equals(c.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        error = code is null ? $"'{CodeEcho.Of(trimmed)}' is not a listed {noun}; use one of {Listing}" : "";
        return code is not null;
    }

    /// <summary>Every listed code as a refusal lists them: <c>unspecified (0), issued-in-error (1), ...</c>.</summary>
    public string Listing => string.Join(", ", All);

    /// <summary>How a message names a recorded code: <c>fraud (4)</c>, or <c>unlisted code 42</c>.</summary>
    public string Describe(ushort number) => Find(number)?.ToString() ?? $"unlisted code {number}";
}
