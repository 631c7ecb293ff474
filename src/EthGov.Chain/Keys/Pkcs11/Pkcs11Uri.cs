using System.Text;

namespace EthGov.Chain.Keys.Pkcs11;

/// <summary>
/// A key in a PKCS#11 module named by an RFC 7512 URI, for example
/// <c>pkcs11:token=civil;object=signer?module-path=/usr/lib/softhsm/libsofthsm2.so&amp;pin-source=file:/etc/ethgov/pin</c>.
/// </summary>
/// <remarks>
/// <para>Path attributes: <c>token</c> (the token label, required), <c>object</c> (the key's label) and/or <c>id</c> (its
/// CKA_ID, percent-encoded bytes), <c>type</c> (only <c>private</c>, the default). Query attributes: <c>module-path</c>
/// (the module's library, required) and <c>pin-source</c>: <c>file:/path</c> (a file holding the PIN; a trailing line
/// break is ignored) or <c>env:NAME</c> (an environment variable). Without <c>pin-source</c> the PIN comes from
/// <see cref="DefaultPinVariable"/>.</para>
/// <para>A PIN inside the URI (<c>pin-value</c>) is refused: a URI ends up in configuration files, process lists and
/// logs, where a PIN must never be.</para>
/// </remarks>
public sealed record Pkcs11Uri
{
    /// <summary>The scheme, the prefix that tells a key spec is a PKCS#11 URI.</summary>
    public const string Scheme = "pkcs11:";

    /// <summary>The environment variable that holds the PIN when the URI names no pin-source.</summary>
    public const string DefaultPinVariable = "ETHGOV_PKCS11_PIN";

    private Pkcs11Uri(string modulePath, string token, string? objectLabel, byte[]? id, string? pinSource)
    {
        ModulePath = modulePath;
        Token = token;
        ObjectLabel = objectLabel;
        Id = id;
        PinSource = pinSource;
    }

    /// <summary>The PKCS#11 library to load.</summary>
    public string ModulePath { get; }

    /// <summary>The token's label.</summary>
    public string Token { get; }

    /// <summary>The key's label (CKA_LABEL), when the URI names one.</summary>
    public string? ObjectLabel { get; }

    /// <summary>The key's id (CKA_ID), when the URI names one.</summary>
    public byte[]? Id { get; }

    /// <summary>Where the PIN comes from: <c>file:...</c> or <c>env:...</c>; null for <see cref="DefaultPinVariable"/>.</summary>
    public string? PinSource { get; }

    /// <summary>Whether <paramref name="spec"/> is a PKCS#11 URI rather than a file or <c>dev:N</c>.</summary>
    public static bool IsPkcs11(string? spec) => spec is not null && spec.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a PKCS#11 URI.</summary>
    /// <exception cref="ArgumentException">The URI is malformed, lacks the token, the module path or the object, or carries a PIN.</exception>
    public static Pkcs11Uri Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!IsPkcs11(uri))
        {
            throw new ArgumentException($"a PKCS#11 key is a URI that starts with '{Scheme}'");
        }

        var body = uri[Scheme.Length..];
        var question = body.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? body : body[..question];
        var query = question < 0 ? "" : body[(question + 1)..];

        string? token = null, label = null, modulePath = null, pinSource = null;
        byte[]? id = null;
        foreach (var (name, value) in Attributes(path, ';'))
        {
            switch (name)
            {
                case "token": token = Text(name, value); break;
                case "object": label = Text(name, value); break;
                case "id": id = Decode(name, value); break;
                case "type" when Text(name, value) == "private": break;
                case "type": throw new ArgumentException("a PKCS#11 key URI names a private key: type=private or no type");
                case "pin-value": throw PinInUri();
                default: throw new ArgumentException($"the PKCS#11 URI has the attribute '{name}', which EthGov does not read (token, object, id, type; ?module-path, pin-source)");
            }
        }

        foreach (var (name, value) in Attributes(query, '&'))
        {
            switch (name)
            {
                case "module-path": modulePath = Text(name, value); break;
                case "pin-source": pinSource = Text(name, value); break;
                case "pin-value": throw PinInUri();
                default: throw new ArgumentException($"the PKCS#11 URI has the query attribute '{name}', which EthGov does not read (module-path, pin-source)");
            }
        }

        if (string.IsNullOrEmpty(token))
        {
            throw new ArgumentException("the PKCS#11 URI names no token (token=<label>)");
        }

        if (string.IsNullOrEmpty(modulePath))
        {
            throw new ArgumentException("the PKCS#11 URI names no module (?module-path=<library>, e.g. /usr/lib/softhsm/libsofthsm2.so)");
        }

        if (string.IsNullOrEmpty(label) && id is null)
        {
            throw new ArgumentException("the PKCS#11 URI names no key (object=<label> or id=<percent-encoded bytes>)");
        }

        if (pinSource is not null && !pinSource.StartsWith("file:", StringComparison.Ordinal) && !pinSource.StartsWith("env:", StringComparison.Ordinal))
        {
            throw new ArgumentException("the PKCS#11 URI's pin-source is file:<path> or env:<variable>");
        }

        return new Pkcs11Uri(modulePath, token, label, id, pinSource);
    }

    /// <summary>The same key with another label: how a node key URI names its two keys (see <c>NodeKeys</c>).</summary>
    public Pkcs11Uri WithObjectLabel(string label) => new(ModulePath, Token, label, null, PinSource);

    /// <summary>How the key is named in messages: token and label or id, never the PIN's source.</summary>
    public string Describe()
        => ObjectLabel is not null
            ? $"key '{ObjectLabel}' in PKCS#11 token '{Token}'"
            : $"key with id {Convert.ToHexStringLower(Id!)} in PKCS#11 token '{Token}'";

    /// <summary>Reads the PIN from its source.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set, or the file cannot be read.</exception>
    public string ReadPin()
    {
        if (PinSource is null || PinSource.StartsWith("env:", StringComparison.Ordinal))
        {
            var variable = PinSource is null ? DefaultPinVariable : PinSource["env:".Length..];
            return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } pin
                ? pin
                : throw new InvalidOperationException($"set {variable} to the PIN of PKCS#11 token '{Token}'");
        }

        var file = PinSource["file:".Length..];
        if (file.StartsWith("//", StringComparison.Ordinal))
        {
            // file:///path (an empty authority) as well as file:/path.
            file = file[2..];
        }

        try
        {
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot read the PIN of PKCS#11 token '{Token}' from '{file}': {ex.Message}", ex);
        }
    }

    private static ArgumentException PinInUri()
        => new("the PKCS#11 URI carries a PIN (pin-value); give it through pin-source=file:<path>, pin-source=env:<variable> or " + DefaultPinVariable);

    private static IEnumerable<(string Name, string Value)> Attributes(string part, char separator)
    {
        foreach (var attribute in part.Split(separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = attribute.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"the PKCS#11 URI's attribute '{attribute}' has no value (name=value)");
            }

            yield return (attribute[..equals].ToLowerInvariant(), attribute[(equals + 1)..]);
        }
    }

    private static string Text(string name, string value)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Decode(name, value));
        }
        catch (DecoderFallbackException ex)
        {
            throw new ArgumentException($"the PKCS#11 URI's {name} is not UTF-8", ex);
        }
    }

    // RFC 3986 percent-decoding into bytes: an id is binary, labels are UTF-8.
    private static byte[] Decode(string name, string value)
    {
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
                continue;
            }

            if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
            {
                throw new ArgumentException($"the PKCS#11 URI's {name} has a '%' not followed by two hex digits");
            }

            bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
            i += 2;
        }

        return [.. bytes];
    }
}
