using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// A strict RFC 8941 dictionary parser, written by hand (section 4.2 of the RFC) because no maintained
/// structured-field parser for .NET is available to the project.
/// </summary>
/// <remarks>
/// Stricter than RFC 8941 in two ways, both to leave an attacker no ambiguity to play with: a key that
/// occurs twice in a dictionary or in one parameter list is refused (the RFC lets the last one win), and
/// every count and length is bounded by <see cref="HttpSignatureLimits"/>. Input is never trusted to be
/// well formed: every failure is a sentence in <c>error</c>, never an exception.
/// </remarks>
internal sealed class StructuredFieldParser
{
    private readonly string _input;
    private readonly HttpSignatureLimits _limits;
    private int _pos;

    private StructuredFieldParser(string input, HttpSignatureLimits limits)
    {
        _input = input;
        _limits = limits;
    }

    private bool AtEnd => _pos >= _input.Length;

    private char Current => _input[_pos];

    /// <summary>Parses a dictionary field value (lines already combined with ", ").</summary>
    public static bool TryParseDictionary(
        string input,
        HttpSignatureLimits limits,
        [NotNullWhen(true)] out IReadOnlyList<SfDictionaryMember>? members,
        [NotNullWhen(false)] out string? error)
    {
        members = null;
        if (input.Length > limits.MaxFieldLength)
        {
            error = $"the field is {input.Length} characters long, more than the limit of {limits.MaxFieldLength}";
            return false;
        }

        var parser = new StructuredFieldParser(input, limits);
        var list = new List<SfDictionaryMember>();
        if (!parser.ParseDictionary(list, out error))
        {
            return false;
        }

        members = list;
        return true;
    }

    private bool ParseDictionary(List<SfDictionaryMember> members, [NotNullWhen(false)] out string? error)
    {
        SkipSpaces();
        if (AtEnd)
        {
            error = null;
            return true;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            int memberAt = _pos;
            if (!ParseKey(out var key, out error))
            {
                return false;
            }

            if (!keys.Add(key))
            {
                error = $"the key '{key}' occurs more than once (at position {memberAt})";
                return false;
            }

            if (members.Count == _limits.MaxLabels)
            {
                error = $"more than {_limits.MaxLabels} members";
                return false;
            }

            if (!AtEnd && Current == '=')
            {
                _pos++;
                if (!AtEnd && Current == '(')
                {
                    if (!ParseInnerList(out var items, out var listParameters, out error))
                    {
                        return false;
                    }

                    members.Add(new SfDictionaryMember(key, null, items, listParameters));
                }
                else
                {
                    if (!ParseItem(out var item, out error))
                    {
                        return false;
                    }

                    members.Add(new SfDictionaryMember(key, item, null, []));
                }
            }
            else
            {
                if (!ParseParameters(out var parameters, out error))
                {
                    return false;
                }

                members.Add(new SfDictionaryMember(key, new SfItem(SfBareItem.OfBoolean(true), parameters), null, []));
            }

            SkipOptionalWhitespace();
            if (AtEnd)
            {
                return true;
            }

            if (Current != ',')
            {
                error = $"expected ',' between members at position {_pos}, found '{Printable(Current)}'";
                return false;
            }

            _pos++;
            SkipOptionalWhitespace();
            if (AtEnd)
            {
                error = "the field ends with a ','";
                return false;
            }
        }
    }

    private bool ParseInnerList(
        [NotNullWhen(true)] out IReadOnlyList<SfItem>? items,
        [NotNullWhen(true)] out IReadOnlyList<SfParameter>? parameters,
        [NotNullWhen(false)] out string? error)
    {
        items = null;
        parameters = null;
        _pos++; // '('
        var list = new List<SfItem>();
        while (!AtEnd)
        {
            SkipSpaces();
            if (AtEnd)
            {
                break;
            }

            if (Current == ')')
            {
                _pos++;
                if (!ParseParameters(out parameters, out error))
                {
                    return false;
                }

                items = list;
                return true;
            }

            if (list.Count == _limits.MaxComponents)
            {
                error = $"an inner list holds more than {_limits.MaxComponents} items";
                return false;
            }

            if (!ParseItem(out var item, out error))
            {
                return false;
            }

            list.Add(item);
            if (!AtEnd && Current != ' ' && Current != ')')
            {
                error = $"expected a space or ')' in an inner list at position {_pos}, found '{Printable(Current)}'";
                return false;
            }
        }

        error = "an inner list is not closed with ')'";
        return false;
    }

    private bool ParseItem([NotNullWhen(true)] out SfItem? item, [NotNullWhen(false)] out string? error)
    {
        item = null;
        if (!ParseBareItem(out var value, out error) || !ParseParameters(out var parameters, out error))
        {
            return false;
        }

        item = new SfItem(value, parameters);
        return true;
    }

    private bool ParseParameters([NotNullWhen(true)] out IReadOnlyList<SfParameter>? parameters, [NotNullWhen(false)] out string? error)
    {
        parameters = null;
        List<SfParameter>? list = null;
        while (!AtEnd && Current == ';')
        {
            _pos++;
            SkipSpaces();
            int keyAt = _pos;
            if (!ParseKey(out var key, out error))
            {
                return false;
            }

            list ??= [];
            if (list.Exists(p => p.Key == key))
            {
                error = $"the parameter '{key}' occurs more than once (at position {keyAt})";
                return false;
            }

            if (list.Count == _limits.MaxParameters)
            {
                error = $"more than {_limits.MaxParameters} parameters on one item";
                return false;
            }

            var value = SfBareItem.OfBoolean(true);
            if (!AtEnd && Current == '=')
            {
                _pos++;
                if (!ParseBareItem(out value, out error))
                {
                    return false;
                }
            }

            list.Add(new SfParameter(key, value));
        }

        parameters = list is null ? [] : list;
        error = null;
        return true;
    }

    private bool ParseKey([NotNullWhen(true)] out string? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (AtEnd || !(IsLowerAlpha(Current) || Current == '*'))
        {
            error = AtEnd
                ? "expected a key, found the end of the field"
                : $"expected a key (a lowercase letter or '*') at position {_pos}, found '{Printable(Current)}'";
            return false;
        }

        int start = _pos;
        while (!AtEnd && (IsLowerAlpha(Current) || char.IsAsciiDigit(Current) || Current is '_' or '-' or '.' or '*'))
        {
            _pos++;
        }

        if (_pos - start > _limits.MaxStringLength)
        {
            error = $"a key at position {start} is longer than {_limits.MaxStringLength} characters";
            return false;
        }

        key = _input[start.._pos];
        error = null;
        return true;
    }

    private bool ParseBareItem(out SfBareItem value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (AtEnd)
        {
            error = "expected a value, found the end of the field";
            return false;
        }

        char c = Current;
        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ParseNumber(out value, out error);
        }

        if (c == '"')
        {
            return ParseString(out value, out error);
        }

        if (char.IsAsciiLetter(c) || c == '*')
        {
            return ParseToken(out value, out error);
        }

        if (c == ':')
        {
            return ParseByteSequence(out value, out error);
        }

        if (c == '?')
        {
            return ParseBoolean(out value, out error);
        }

        error = $"no value can start with '{Printable(c)}' (position {_pos})";
        return false;
    }

    private bool ParseNumber(out SfBareItem value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        int start = _pos;
        bool negative = Current == '-';
        if (negative)
        {
            _pos++;
        }

        int digitsStart = _pos;
        int dot = -1;
        while (!AtEnd)
        {
            char c = Current;
            if (char.IsAsciiDigit(c))
            {
                _pos++;
            }
            else if (c == '.' && dot < 0)
            {
                if (_pos - digitsStart > 12)
                {
                    error = $"a decimal at position {start} has more than 12 integer digits";
                    return false;
                }

                dot = _pos;
                _pos++;
            }
            else
            {
                break;
            }

            int length = _pos - digitsStart;
            if (dot < 0 ? length > 15 : length > 16)
            {
                error = $"a number at position {start} has too many digits";
                return false;
            }
        }

        if (_pos == digitsStart)
        {
            error = $"a number at position {start} has no digits";
            return false;
        }

        if (dot < 0)
        {
            long magnitude = long.Parse(_input.AsSpan(digitsStart, _pos - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture);
            value = SfBareItem.OfInteger(negative ? -magnitude : magnitude);
            error = null;
            return true;
        }

        int fraction = _pos - dot - 1;
        if (dot == digitsStart || fraction is < 1 or > 3)
        {
            error = $"a decimal at position {start} needs 1 to 12 integer digits and 1 to 3 fraction digits";
            return false;
        }

        decimal number = decimal.Parse(_input.AsSpan(digitsStart, _pos - digitsStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        value = SfBareItem.OfDecimal(negative ? -number : number);
        error = null;
        return true;
    }

    private bool ParseString(out SfBareItem value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        int start = _pos;
        _pos++; // opening quote
        var text = new System.Text.StringBuilder();
        while (!AtEnd)
        {
            char c = Current;
            _pos++;
            if (c == '\\')
            {
                if (AtEnd || (Current != '"' && Current != '\\'))
                {
                    error = $"a string at position {start} has a '\\' that escapes neither '\"' nor '\\'";
                    return false;
                }

                c = Current;
                _pos++;
            }
            else if (c == '"')
            {
                value = SfBareItem.OfString(text.ToString());
                error = null;
                return true;
            }
            else if (c is < ' ' or > '~')
            {
                error = $"a string at position {start} holds a character outside printable ASCII (U+{(int)c:X4})";
                return false;
            }

            if (text.Length == _limits.MaxStringLength)
            {
                error = $"a string at position {start} is longer than {_limits.MaxStringLength} characters";
                return false;
            }

            text.Append(c);
        }

        error = $"a string at position {start} is not closed";
        return false;
    }

    private bool ParseToken(out SfBareItem value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        int start = _pos;
        _pos++;
        while (!AtEnd && (IsTokenChar(Current) || Current is ':' or '/'))
        {
            _pos++;
        }

        if (_pos - start > _limits.MaxStringLength)
        {
            error = $"a token at position {start} is longer than {_limits.MaxStringLength} characters";
            return false;
        }

        value = SfBareItem.OfToken(_input[start.._pos]);
        error = null;
        return true;
    }

    private bool ParseByteSequence(out SfBareItem value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        int start = _pos;
        _pos++; // ':'
        int end = _input.IndexOf(':', _pos);
        if (end < 0)
        {
            error = $"a byte sequence at position {start} is not closed with ':'";
            return false;
        }

        var encoded = _input.AsSpan(_pos, end - _pos);
        if (encoded.Length > _limits.MaxByteSequenceLength)
        {
            error = $"a byte sequence at position {start} is longer than {_limits.MaxByteSequenceLength} characters";
            return false;
        }

        int bad = encoded.IndexOfAnyExcept(s_base64Characters);
        if (bad >= 0)
        {
            error = $"a byte sequence at position {start} holds '{Printable(encoded[bad])}', which is not base64";
            return false;
        }

        // RFC 8941 asks parsers not to fail on missing '=' padding; anything else malformed is refused.
        int padding = (4 - (encoded.Length % 4)) % 4;
        string padded = padding == 0 ? encoded.ToString() : string.Concat(encoded, new string('=', padding));
        var bytes = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64String(padded, bytes, out int written))
        {
            error = $"a byte sequence at position {start} is not valid base64";
            return false;
        }

        _pos = end + 1;
        value = SfBareItem.OfBytes(written == bytes.Length ? bytes : bytes[..written]);
        error = null;
        return true;
    }

    private bool ParseBoolean(out SfBareItem value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        int start = _pos;
        _pos++;
        if (!AtEnd && Current is '0' or '1')
        {
            value = SfBareItem.OfBoolean(Current == '1');
            _pos++;
            error = null;
            return true;
        }

        error = $"a boolean at position {start} is neither ?0 nor ?1";
        return false;
    }

    private void SkipSpaces()
    {
        while (!AtEnd && Current == ' ')
        {
            _pos++;
        }
    }

    private void SkipOptionalWhitespace()
    {
        while (!AtEnd && Current is ' ' or '\t')
        {
            _pos++;
        }
    }

    private static bool IsLowerAlpha(char c) => c is >= 'a' and <= 'z';

    /// <summary>tchar of RFC 9110: the characters of a token.</summary>
    internal static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static readonly System.Buffers.SearchValues<char> s_base64Characters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    private static string Printable(char c) => c is >= ' ' and <= '~' ? c.ToString() : $"U+{(int)c:X4}";
}
