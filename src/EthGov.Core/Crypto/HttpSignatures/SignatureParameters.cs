using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// What one signature covers and claims (RFC 9421 section 2.3): the ordered covered components and the
/// parameters <c>created</c>, <c>expires</c>, <c>keyid</c>, <c>nonce</c>, <c>alg</c> and <c>tag</c>. Its
/// serialisation is both the <c>Signature-Input</c> member and the last line of the signature base.
/// </summary>
/// <remarks>
/// Parameters read from a <c>Signature-Input</c> field keep the order they were sent in, since the signer
/// signed that order; parameters made here are written created, expires, keyid, nonce, alg, tag. Any other
/// parameter, and any value of the wrong type, is refused: EthGov neither signs nor checks what it cannot
/// give a meaning to.
/// </remarks>
public sealed class SignatureParameters
{
    internal const string CreatedKey = "created";
    internal const string ExpiresKey = "expires";
    internal const string KeyIdKey = "keyid";
    internal const string NonceKey = "nonce";
    internal const string AlgorithmKey = "alg";
    internal const string TagKey = "tag";

    private static readonly string[] s_canonicalOrder = [CreatedKey, ExpiresKey, KeyIdKey, NonceKey, AlgorithmKey, TagKey];

    private readonly IReadOnlyList<string> _order;

    /// <summary>Parameters for a new signature.</summary>
    /// <param name="components">The covered components, in the order they enter the signature base; no duplicates.</param>
    /// <param name="created">Creation time, Unix seconds.</param>
    /// <param name="expires">Expiry time, Unix seconds; not before <paramref name="created"/>.</param>
    /// <param name="keyId">Which key signs.</param>
    /// <param name="nonce">A value used once, against replay (see <see cref="NewNonce"/>).</param>
    /// <param name="algorithm">The algorithm name, for example <c>ecdsa-p256-sha256</c>.</param>
    /// <param name="tag">What the signature is for, so it cannot be taken for another purpose.</param>
    /// <exception cref="ArgumentException">A value cannot be serialised (a time outside 0 to 15 digits, a string with a
    /// character outside printable ASCII), a component occurs twice, or the expiry precedes the creation.</exception>
    public SignatureParameters(
        IEnumerable<ComponentIdentifier> components,
        long? created = null,
        long? expires = null,
        string? keyId = null,
        string? nonce = null,
        string? algorithm = null,
        string? tag = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        var list = components.ToArray();
        if (list.Any(c => c is null))
        {
            throw new ArgumentException("A covered component is null.", nameof(components));
        }

        if (list.Distinct().Count() != list.Length)
        {
            throw new ArgumentException("A component is covered more than once.", nameof(components));
        }

        CheckTime(created, nameof(created));
        CheckTime(expires, nameof(expires));
        if (created is { } c && expires is { } e && e < c)
        {
            throw new ArgumentException($"The expiry {e} precedes the creation {c}.", nameof(expires));
        }

        CheckString(keyId, nameof(keyId));
        CheckString(nonce, nameof(nonce));
        CheckString(algorithm, nameof(algorithm));
        CheckString(tag, nameof(tag));

        Components = list;
        Created = created;
        Expires = expires;
        KeyId = keyId;
        Nonce = nonce;
        Algorithm = algorithm;
        Tag = tag;
        _order = [.. s_canonicalOrder.Where(IsSet)];
    }

    private SignatureParameters(IReadOnlyList<ComponentIdentifier> components, IReadOnlyList<string> order)
    {
        Components = components;
        _order = order;
    }

    /// <summary>The covered components, in signature-base order.</summary>
    public IReadOnlyList<ComponentIdentifier> Components { get; }

    /// <summary>The <c>created</c> parameter, Unix seconds.</summary>
    public long? Created { get; private init; }

    /// <summary>The <c>expires</c> parameter, Unix seconds.</summary>
    public long? Expires { get; private init; }

    /// <summary>The <c>keyid</c> parameter.</summary>
    public string? KeyId { get; private init; }

    /// <summary>The <c>nonce</c> parameter.</summary>
    public string? Nonce { get; private init; }

    /// <summary>The <c>alg</c> parameter.</summary>
    public string? Algorithm { get; private init; }

    /// <summary>The <c>tag</c> parameter.</summary>
    public string? Tag { get; private init; }

    /// <summary>A fresh nonce: 128 random bits in base64url, 22 characters that need no escaping.</summary>
    public static string NewNonce()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The parameters as an RFC 8941 inner list, for example <c>("@method" "@path");created=1618884473;keyid="k"</c>.</summary>
    public string Serialize()
    {
        var builder = new StringBuilder(64 + (24 * Components.Count));
        AppendTo(builder);
        return builder.ToString();
    }

    /// <inheritdoc cref="Serialize"/>
    public override string ToString() => Serialize();

    internal void AppendTo(StringBuilder builder)
    {
        builder.Append('(');
        for (int i = 0; i < Components.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            Components[i].AppendTo(builder);
        }

        builder.Append(')');
        foreach (string key in _order)
        {
            builder.Append(';').Append(key).Append('=');
            switch (key)
            {
                case CreatedKey:
                    StructuredFieldWriter.AppendInteger(builder, Created!.Value);
                    break;
                case ExpiresKey:
                    StructuredFieldWriter.AppendInteger(builder, Expires!.Value);
                    break;
                default:
                    StructuredFieldWriter.AppendString(builder, StringParameter(key)!);
                    break;
            }
        }
    }

    /// <summary>Reads one <c>Signature-Input</c> member; says why when it is not a signature EthGov can check.</summary>
    internal static bool TryFromMember(SfDictionaryMember member, [NotNullWhen(true)] out SignatureParameters? parameters, [NotNullWhen(false)] out string? error)
    {
        parameters = null;
        if (member.InnerList is not { } items)
        {
            error = $"the member '{member.Key}' is {member.Item!.Value.Describe()}, not an inner list of components";
            return false;
        }

        var components = new List<ComponentIdentifier>(items.Count);
        foreach (var item in items)
        {
            if (!ComponentIdentifier.TryFromItem(item, out var component, out error))
            {
                return false;
            }

            if (components.Contains(component))
            {
                error = $"the component {component} is covered more than once";
                return false;
            }

            components.Add(component);
        }

        long? created = null;
        long? expires = null;
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>(member.Parameters.Count);
        foreach (var (key, value) in member.Parameters)
        {
            switch (key)
            {
                case CreatedKey or ExpiresKey:
                    if (value.Kind != SfItemKind.Integer || value.Integer < 0)
                    {
                        error = $"the parameter '{key}' is {(value.Kind == SfItemKind.Integer ? "a negative integer" : value.Describe())}, not a time in Unix seconds";
                        return false;
                    }

                    if (key == CreatedKey)
                    {
                        created = value.Integer;
                    }
                    else
                    {
                        expires = value.Integer;
                    }

                    break;
                case KeyIdKey or NonceKey or AlgorithmKey or TagKey:
                    if (value.Kind != SfItemKind.String)
                    {
                        error = $"the parameter '{key}' is {value.Describe()}, not a string";
                        return false;
                    }

                    strings[key] = value.Text!;
                    break;
                default:
                    error = $"the signature parameter '{key}' is not supported";
                    return false;
            }

            order.Add(key);
        }

        parameters = new SignatureParameters(components, order)
        {
            Created = created,
            Expires = expires,
            KeyId = strings.GetValueOrDefault(KeyIdKey),
            Nonce = strings.GetValueOrDefault(NonceKey),
            Algorithm = strings.GetValueOrDefault(AlgorithmKey),
            Tag = strings.GetValueOrDefault(TagKey),
        };
        error = null;
        return true;
    }

    private bool IsSet(string key) => key switch
    {
        CreatedKey => Created is not null,
        ExpiresKey => Expires is not null,
        _ => StringParameter(key) is not null,
    };

    private string? StringParameter(string key) => key switch
    {
        KeyIdKey => KeyId,
        NonceKey => Nonce,
        AlgorithmKey => Algorithm,
        _ => Tag,
    };

    private static void CheckTime(long? value, string name)
    {
        if (value is < 0 or > StructuredFieldWriter.MaxInteger)
        {
            throw new ArgumentException($"The time {value} is not between 0 and {StructuredFieldWriter.MaxInteger} seconds.", name);
        }
    }

    private static void CheckString(string? value, string name)
    {
        if (value is not null && !StructuredFieldWriter.IsSerializableString(value))
        {
            throw new ArgumentException("An RFC 8941 string holds printable ASCII only (U+0020 to U+007E).", name);
        }
    }
}
