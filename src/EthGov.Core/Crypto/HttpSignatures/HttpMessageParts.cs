using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// What a signature can cover of one HTTP message: for a request its method and target URI, for a response
/// its status, and for both its header fields. Adapters fill it from <c>HttpRequestMessage</c> or ASP.NET's
/// <c>HttpRequest</c>; this type does no I/O.
/// </summary>
/// <remarks>
/// Field values follow RFC 9421 section 2.1: names are lowercased, each line is trimmed of leading and
/// trailing whitespace and unfolded (an obsolete line fold becomes one space), and the lines of one field are
/// combined with <c>", "</c> in the order they were added. A value that still holds a control character or a
/// non-ASCII character cannot be covered: building a signature base over it fails, so no line break inside a
/// value can ever forge a line of the base.
/// </remarks>
public sealed class HttpMessageParts
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);

    private HttpMessageParts(string? method, string? scheme, string? authority, string? path, string? query, int? status)
    {
        Method = method;
        Scheme = scheme;
        Authority = authority;
        Path = path;
        Query = query;
        Status = status;
    }

    /// <summary>The request method, as sent (methods are case-sensitive); null for a response.</summary>
    public string? Method { get; }

    /// <summary>The target URI's scheme, lowercase; null for a response.</summary>
    public string? Scheme { get; }

    /// <summary>Host and port, lowercase, without the scheme's default port; null for a response.</summary>
    public string? Authority { get; }

    /// <summary>The absolute path, as sent (never empty: an empty path is <c>/</c>); null for a response.</summary>
    public string? Path { get; }

    /// <summary>The query without its leading <c>?</c>; null when the target has no query (or for a response).</summary>
    public string? Query { get; }

    /// <summary>The status code of a response; null for a request.</summary>
    public int? Status { get; }

    /// <summary>True for a request, false for a response.</summary>
    [MemberNotNullWhen(true, nameof(Method), nameof(Scheme), nameof(Authority), nameof(Path))]
    public bool IsRequest => Method is not null;

    /// <summary>
    /// A request to an absolute URI. The URI's own normalisation applies (lowercase host, no default port,
    /// dot segments removed), so signer and verifier must both build their target this way or both use
    /// <see cref="ForRequest(string, string, string, string, string?)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The method is not an HTTP token or the URI is not absolute with an authority.</exception>
    public static HttpMessageParts ForRequest(string method, Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri || string.IsNullOrEmpty(target.Host))
        {
            throw new ArgumentException($"The target '{target}' is not an absolute URI with a host.", nameof(target));
        }

        string host = target.HostNameType == UriHostNameType.IPv6 ? target.Host : target.IdnHost;
        string authority = target.IsDefaultPort ? host : $"{host}:{target.Port.ToString(CultureInfo.InvariantCulture)}";
        string? query = target.Query.Length == 0 ? null : target.Query[1..];
        return ForRequest(method, target.Scheme, authority, target.AbsolutePath, query);
    }

    /// <summary>
    /// A request from the parts of its target as they were sent: for a server, the scheme it was reached by,
    /// the Host it was asked for, and the raw path and query of the request line.
    /// </summary>
    /// <param name="method">The method, an HTTP token such as <c>POST</c>.</param>
    /// <param name="scheme">The scheme; lowercased.</param>
    /// <param name="authority">Host and optional port; lowercased, and a default port (80 for http, 443 for https) is dropped.</param>
    /// <param name="path">The absolute path, starting with <c>/</c>; an empty path is read as <c>/</c>.</param>
    /// <param name="query">The query without its <c>?</c>, or null when there is none.</param>
    /// <exception cref="ArgumentException">A part is missing or malformed.</exception>
    public static HttpMessageParts ForRequest(string method, string scheme, string authority, string path, string? query)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(path);
        if (method.Length == 0 || !method.All(StructuredFieldParser.IsTokenChar))
        {
            throw new ArgumentException($"'{method}' is not an HTTP method.", nameof(method));
        }

        string lowerScheme = scheme.ToLowerInvariant();
        if (lowerScheme.Length == 0 || !char.IsAsciiLetter(lowerScheme[0]) || !lowerScheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            throw new ArgumentException($"'{scheme}' is not a URI scheme.", nameof(scheme));
        }

        string lowerAuthority = authority.ToLowerInvariant();
        if (lowerAuthority.Length == 0 || lowerAuthority.AsSpan().IndexOfAny("/?# ") >= 0)
        {
            throw new ArgumentException($"'{authority}' is not a URI authority.", nameof(authority));
        }

        string defaultPort = lowerScheme switch { "https" => ":443", "http" => ":80", _ => string.Empty };
        if (defaultPort.Length > 0 && lowerAuthority.EndsWith(defaultPort, StringComparison.Ordinal))
        {
            lowerAuthority = lowerAuthority[..^defaultPort.Length];
        }

        if (path.Length == 0)
        {
            path = "/";
        }
        else if (path[0] != '/')
        {
            throw new ArgumentException($"The path '{path}' does not start with '/'.", nameof(path));
        }

        if (path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The path '{path}' holds a '?' or '#': give the query on its own.", nameof(path));
        }

        return new HttpMessageParts(method, lowerScheme, lowerAuthority, path, query, null);
    }

    /// <summary>A response with the given status code.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is not a three-digit code.</exception>
    public static HttpMessageParts ForResponse(int status)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 999);
        return new HttpMessageParts(null, null, null, null, null, status);
    }

    /// <summary>Adds one line of a header field; call once per line, in the order they were sent.</summary>
    /// <returns>This message, to add further fields.</returns>
    public HttpMessageParts AddField(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        string key = name.ToLowerInvariant();
        if (!_fields.TryGetValue(key, out var lines))
        {
            lines = [];
            _fields.Add(key, lines);
        }

        lines.Add(Normalize(value));
        return this;
    }

    /// <summary>The value of a field, its lines combined with <c>", "</c>; null when the message has no such field.</summary>
    public string? GetField(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _fields.TryGetValue(name.ToLowerInvariant(), out var lines) ? string.Join(", ", lines) : null;
    }

    /// <summary>
    /// The value of one covered component for the signature base, or why the message cannot give it
    /// (absent, or holding a character a signature base cannot carry).
    /// </summary>
    internal bool TryGetComponentValue(ComponentIdentifier component, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        value = component.IsDerived ? DerivedValue(component, out var why) : FieldValue(component.Name, out why);
        if (value is null)
        {
            error = why ?? $"the message cannot give {component}";
            return false;
        }

        int bad = value.AsSpan().IndexOfAnyExcept(s_baseCharacters);
        if (bad >= 0)
        {
            error = $"{component} holds U+{(int)value[bad]:X4} at position {bad}, which a signature base cannot carry";
            value = null;
            return false;
        }

        error = null;
        return true;
    }

    private string? FieldValue(string name, out string? error)
    {
        if (_fields.TryGetValue(name, out var lines))
        {
            error = null;
            return string.Join(", ", lines);
        }

        error = $"the message has no field \"{name}\"";
        return null;
    }

    private string? DerivedValue(ComponentIdentifier component, out string? error)
    {
        error = null;
        if (component.Name == ComponentIdentifier.StatusName)
        {
            if (Status is { } status)
            {
                return status.ToString(CultureInfo.InvariantCulture);
            }

            error = "\"@status\" belongs to responses, and this message is a request";
            return null;
        }

        if (!IsRequest)
        {
            error = $"\"{component.Name}\" belongs to requests, and this message is a response";
            return null;
        }

        string queryPart = Query is null ? string.Empty : "?" + Query;
        switch (component.Name)
        {
            case ComponentIdentifier.MethodName:
                return Method;
            case ComponentIdentifier.TargetUriName:
                return $"{Scheme}://{Authority}{Path}{queryPart}";
            case ComponentIdentifier.AuthorityName:
                return Authority;
            case ComponentIdentifier.SchemeName:
                return Scheme;
            case ComponentIdentifier.RequestTargetName:
                return Path + queryPart;
            case ComponentIdentifier.PathName:
                return Path;
            case ComponentIdentifier.QueryName:
                return "?" + Query;
            default:
                return QueryParameterValue(component.QueryParameter!, out error);
        }
    }

    private string? QueryParameterValue(string encodedName, out string? error)
    {
        string? found = null;
        foreach (var (name, value) in FormUrlEncoding.Parse(Query ?? string.Empty))
        {
            if (FormUrlEncoding.Encode(name) != encodedName)
            {
                continue;
            }

            // RFC 9421 section 2.2.8: a parameter that occurs more than once cannot be covered by name.
            if (found is not null)
            {
                error = $"the query parameter \"{encodedName}\" occurs more than once; cover \"@query\" instead";
                return null;
            }

            found = FormUrlEncoding.Encode(value);
        }

        error = found is null ? $"the query has no parameter \"{encodedName}\"" : null;
        return found;
    }

    private static string Normalize(string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            value = Unfold(value);
        }

        return value.Trim(' ', '\t');
    }

    /// <summary>Replaces each obsolete line fold (OWS CRLF 1*(SP / HTAB)) with a single space; other line breaks are left to be refused.</summary>
    private static string Unfold(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length);
        int i = 0;
        while (i < value.Length)
        {
            int lineBreak = value[i] == '\r' && i + 1 < value.Length && value[i + 1] == '\n' ? 2 : value[i] == '\n' ? 1 : 0;
            int next = i + lineBreak;
            if (lineBreak > 0 && next < value.Length && value[next] is ' ' or '\t')
            {
                while (builder.Length > 0 && builder[^1] is ' ' or '\t')
                {
                    builder.Length--;
                }

                while (next < value.Length && value[next] is ' ' or '\t')
                {
                    next++;
                }

                builder.Append(' ');
                i = next;
                continue;
            }

            builder.Append(value[i]);
            i++;
        }

        return builder.ToString();
    }

    /// <summary>Characters a component value may hold in the signature base: visible ASCII, space and tab.</summary>
    private static readonly System.Buffers.SearchValues<char> s_baseCharacters =
        System.Buffers.SearchValues.Create("\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");
}
