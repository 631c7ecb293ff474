namespace EthGov.Core.Records;

/// <summary>
/// How a person identifier (a national identity number, a passport number) is written before it is keyed: trimmed,
/// upper-case, without spaces, so that "ab 123 456 c" and "AB123456C" find the same records. The key itself is an
/// HMAC under the node's data key (Application's <c>NodeDataKey</c>), so the store never holds the identifier.
/// </summary>
public static class PersonKey
{
    /// <summary>The longest identifier accepted, in characters, after normalisation.</summary>
    public const int MaxLength = 128;

    /// <summary>The normalised form of <paramref name="person"/>.</summary>
    /// <exception cref="ArgumentException">Nothing is left after normalisation, or more than <see cref="MaxLength"/> characters.</exception>
    public static string Normalize(string person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var normalized = string.Concat(person.Trim().Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (normalized.Length == 0)
        {
            throw new ArgumentException("a person identifier cannot be empty", nameof(person));
        }

        if (normalized.Length > MaxLength)
        {
            throw new ArgumentException($"a person identifier has at most {MaxLength} characters, not {normalized.Length}", nameof(person));
        }

        return normalized;
    }
}
