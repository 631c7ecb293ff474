using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using EthGov.Chain.Abi;

namespace EthGov.Api.Problems;

/// <summary>
/// A failure the node keeps in a text column and answers later, written as a code and its values, never as a sentence:
/// <c>NotActiveSigner(signer=0x…)</c> for a contract error (its ABI name and arguments, the form
/// <see cref="ChainError.ToString"/> has always stored), <c>no-signer-key(department=3)</c> for the node's own codes.
/// The answer renders it in the caller's language (<see cref="StoredErrors.Render(string)"/>). Values are percent-encoded where
/// they hold anything but letters, digits and <c>-._~</c>, so a value never breaks the form; text in another form is
/// a row written before codes were stored, and is answered as it is.
/// </summary>
public sealed partial class StoredError
{
    private StoredError(string code, KeyValuePair<string, string>[] values)
    {
        Code = code;
        Values = values;
    }

    /// <summary>The code: a contract error's name (<c>NotActiveSigner</c>) or one of the node's (<c>no-signer-key</c>).</summary>
    public string Code { get; }

    /// <summary>The values, by name, in the order they were given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values { get; }

    /// <summary>The value named <paramref name="name"/>, or <c>?</c> when the error has none by that name.</summary>
    public string this[string name] => Values.FirstOrDefault(v => v.Key == name).Value ?? "?";

    /// <summary>The error <paramref name="code"/> with <paramref name="values"/>, formatted without regard to the server's culture.</summary>
    public static StoredError Of(string code, params (string Name, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!CodeForm().IsMatch(code) || values.Any(v => !NameForm().IsMatch(v.Name)))
        {
            throw new ArgumentException($"'{code}' and its value names must be letters, digits and dashes", nameof(code));
        }

        return new StoredError(code, [.. values.Select(v => new KeyValuePair<string, string>(v.Name, Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty))]);
    }

    /// <summary>
    /// A chain failure: a contract error by its name and decoded arguments, the node's own failures (a stopped signer,
    /// a replica without the lease) with their values, an unreachable or refusing node by its kind alone (what the
    /// network library said goes to the log, not to a clerk).
    /// </summary>
    public static StoredError Of(ChainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            ChainErrorKind.Unavailable => Of(StoredErrors.ChainUnavailable),
            ChainErrorKind.Rejected => Of(StoredErrors.ChainRejected),
            _ when !CodeForm().IsMatch(error.Name) => Of(StoredErrors.ChainRejected),
            _ => Of(error.Name, [.. error.Arguments.Where(a => NameForm().IsMatch(a.Key)).Select(a => (a.Key, a.Value))]),
        };
    }

    /// <summary>Reads <paramref name="text"/> as a stored code; false for a sentence an older node stored.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out StoredError? error)
    {
        error = null;
        var match = text is null ? null : Form().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }

        var values = new List<KeyValuePair<string, string>>();
        var list = match.Groups["values"].Value;
        if (list.Length > 0)
        {
            foreach (var part in list.Split(", "))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || !NameForm().IsMatch(part[..equals]))
                {
                    return false;
                }

                values.Add(new(part[..equals], Uri.UnescapeDataString(part[(equals + 1)..])));
            }
        }

        error = new StoredError(match.Groups["code"].Value, [.. values]);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Code}({string.Join(", ", Values.Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value)}"))})";

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]*$")]
    private static partial Regex CodeForm();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex NameForm();

    [GeneratedRegex(@"^(?<code>[A-Za-z][A-Za-z0-9-]*)\((?<values>[^()]*)\)$", RegexOptions.Singleline)]
    private static partial Regex Form();
}
