using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// One message component a signature covers (RFC 9421 section 2): a header field by its lowercase name,
/// or a derived component such as <c>@method</c> or <c>@authority</c>.
/// </summary>
/// <remarks>
/// Of the component parameters of RFC 9421 only <c>name</c> (for <c>@query-param</c>) is supported; a field
/// identifier with <c>sf</c>, <c>key</c>, <c>bs</c>, <c>req</c> or <c>tr</c> is refused by the verifier
/// rather than signed or checked with a meaning EthGov does not implement.
/// </remarks>
public sealed record ComponentIdentifier
{
    internal const string MethodName = "@method";
    internal const string TargetUriName = "@target-uri";
    internal const string AuthorityName = "@authority";
    internal const string SchemeName = "@scheme";
    internal const string RequestTargetName = "@request-target";
    internal const string PathName = "@path";
    internal const string QueryName = "@query";
    internal const string QueryParamName = "@query-param";
    internal const string StatusName = "@status";
    internal const string SignatureParamsName = "@signature-params";

    private ComponentIdentifier(string name, string? queryParameter)
    {
        Name = name;
        QueryParameter = queryParameter;
    }

    /// <summary>The request method (<c>@method</c>).</summary>
    public static ComponentIdentifier Method { get; } = new(MethodName, null);

    /// <summary>The full target URI (<c>@target-uri</c>).</summary>
    public static ComponentIdentifier TargetUri { get; } = new(TargetUriName, null);

    /// <summary>Host and port, lowercase, without a default port (<c>@authority</c>).</summary>
    public static ComponentIdentifier Authority { get; } = new(AuthorityName, null);

    /// <summary>The URI scheme, lowercase (<c>@scheme</c>).</summary>
    public static ComponentIdentifier Scheme { get; } = new(SchemeName, null);

    /// <summary>Path and query as sent on the request line (<c>@request-target</c>).</summary>
    public static ComponentIdentifier RequestTarget { get; } = new(RequestTargetName, null);

    /// <summary>The absolute path (<c>@path</c>).</summary>
    public static ComponentIdentifier Path { get; } = new(PathName, null);

    /// <summary>The query with its leading <c>?</c> (<c>@query</c>).</summary>
    public static ComponentIdentifier Query { get; } = new(QueryName, null);

    /// <summary>The status code of a response (<c>@status</c>).</summary>
    public static ComponentIdentifier Status { get; } = new(StatusName, null);

    /// <summary>The component name: a lowercase field name, or a derived name starting with <c>@</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// For <c>@query-param</c>, the parameter name in its encoded form (RFC 9421 section 2.2.8); otherwise null.
    /// </summary>
    public string? QueryParameter { get; }

    /// <summary>True for a derived component (its name starts with <c>@</c>).</summary>
    public bool IsDerived => Name.StartsWith('@');

    /// <summary>A header field, by name; the name is lowercased as RFC 9421 requires.</summary>
    /// <exception cref="ArgumentException">The name is not an HTTP field name.</exception>
    public static ComponentIdentifier Field(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string lower = name.ToLowerInvariant();
        if (!IsFieldName(lower))
        {
            throw new ArgumentException($"'{name}' is not an HTTP field name.", nameof(name));
        }

        return new ComponentIdentifier(lower, null);
    }

    /// <summary>One named query parameter (<c>@query-param</c>), given by its decoded name.</summary>
    public static ComponentIdentifier QueryParam(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new ComponentIdentifier(QueryParamName, FormUrlEncoding.Encode(name));
    }

    /// <summary>
    /// Reads an identifier from a parsed <c>Signature-Input</c> item: a string with at most a <c>name</c>
    /// parameter on <c>@query-param</c>. Says why when the item names nothing EthGov can sign or check.
    /// </summary>
    internal static bool TryFromItem(SfItem item, [NotNullWhen(true)] out ComponentIdentifier? identifier, [NotNullWhen(false)] out string? error)
    {
        identifier = null;
        if (item.Value.Kind != SfItemKind.String)
        {
            error = $"a covered component is {item.Value.Describe()}, not a string";
            return false;
        }

        string name = item.Value.Text!;
        if (name == SignatureParamsName)
        {
            error = "\"@signature-params\" cannot be a covered component";
            return false;
        }

        if (name.StartsWith('@'))
        {
            return TryDerived(name, item.Parameters, out identifier, out error);
        }

        if (!IsFieldName(name))
        {
            error = $"\"{name}\" is neither a derived component nor a lowercase field name";
            return false;
        }

        if (item.Parameters.Count > 0)
        {
            error = $"the component parameter '{item.Parameters[0].Key}' on \"{name}\" is not supported";
            return false;
        }

        identifier = new ComponentIdentifier(name, null);
        error = null;
        return true;
    }

    private static bool TryDerived(string name, IReadOnlyList<SfParameter> parameters, [NotNullWhen(true)] out ComponentIdentifier? identifier, [NotNullWhen(false)] out string? error)
    {
        identifier = null;
        if (name == QueryParamName)
        {
            if (parameters is not [{ Key: "name", Value.Kind: SfItemKind.String } only])
            {
                error = "\"@query-param\" needs exactly one parameter, name, holding a string";
                return false;
            }

            string encoded = only.Value.Text!;
            if (FormUrlEncoding.Encode(FormUrlEncoding.Decode(encoded)) != encoded)
            {
                error = $"the query parameter name \"{encoded}\" is not in its encoded form";
                return false;
            }

            identifier = new ComponentIdentifier(QueryParamName, encoded);
            error = null;
            return true;
        }

        identifier = name switch
        {
            MethodName => Method,
            TargetUriName => TargetUri,
            AuthorityName => Authority,
            SchemeName => Scheme,
            RequestTargetName => RequestTarget,
            PathName => Path,
            QueryName => Query,
            StatusName => Status,
            _ => null,
        };
        if (identifier is null)
        {
            error = $"\"{name}\" is not a derived component EthGov supports";
            return false;
        }

        if (parameters.Count > 0)
        {
            identifier = null;
            error = $"the component parameter '{parameters[0].Key}' on \"{name}\" is not supported";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The identifier as it appears in <c>Signature-Input</c> and in the signature base.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    internal void AppendTo(StringBuilder builder)
    {
        StructuredFieldWriter.AppendString(builder, Name);
        if (QueryParameter is not null)
        {
            builder.Append(";name=");
            StructuredFieldWriter.AppendString(builder, QueryParameter);
        }
    }

    private static bool IsFieldName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!StructuredFieldParser.IsTokenChar(c) || char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
