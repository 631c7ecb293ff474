using System.Globalization;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Exchange;

/// <summary>
/// How department nodes sign to each other (RFC 9421, <c>ecdsa-p256-sha256</c> with the node key the department
/// publishes on chain): the label, the covered components of requests and responses, the tag that binds a signature to
/// one chain and registry, the keyid that names the signing department, and the lifetime of a request's signature.
/// </summary>
public static class NodeSignatureProfile
{
    /// <summary>The signature's label in <c>Signature-Input</c> and <c>Signature</c>.</summary>
    public const string Label = "ethgov";

    /// <summary>The prefix of a keyid: <c>department:&lt;id&gt;</c>.</summary>
    public const string KeyIdPrefix = "department:";

    /// <summary>The media type of every node-to-node body.</summary>
    public const string ContentType = "application/json";

    /// <summary>How long a request's signature is valid: created + 60 s. A holder keeps each nonce that long.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(60);

    /// <summary>How far the two nodes' clocks may differ.</summary>
    public static TimeSpan MaxClockSkew { get; } = TimeSpan.FromSeconds(30);

    /// <summary>What a request's signature covers: method, holder, path, and the body through its digest and type.</summary>
    public static IReadOnlyList<ComponentIdentifier> RequestComponents { get; } =
    [
        ComponentIdentifier.Method,
        ComponentIdentifier.Authority,
        ComponentIdentifier.Path,
        ComponentIdentifier.Field("content-digest"),
        ComponentIdentifier.Field("content-type"),
    ];

    /// <summary>What a response's signature covers: the status and the body through its digest.</summary>
    public static IReadOnlyList<ComponentIdentifier> ResponseComponents { get; } =
    [
        ComponentIdentifier.Status,
        ComponentIdentifier.Field("content-digest"),
    ];

    /// <summary>The tag, <c>ethgov:&lt;chainId&gt;:&lt;registry lowercase&gt;</c>: a signature made for one chain or registry is refused by any other.</summary>
    /// <exception cref="ArgumentException">The registry is not an address.</exception>
    public static string Tag(ulong chainId, string registry) =>
        string.Create(CultureInfo.InvariantCulture, $"ethgov:{chainId}:{AccessEntry.NormalizeAddress(registry)}");

    /// <summary>The keyid of a department's node key: <c>department:&lt;id&gt;</c>.</summary>
    public static string KeyId(uint departmentId) => string.Create(CultureInfo.InvariantCulture, $"{KeyIdPrefix}{departmentId}");

    /// <summary>Reads the department from a keyid; only the exact form <see cref="KeyId"/> writes is accepted (no sign, no leading zero, no space).</summary>
    public static bool TryParseKeyId(string? keyId, out uint departmentId)
    {
        departmentId = 0;
        if (keyId is null || !keyId.StartsWith(KeyIdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = keyId.AsSpan(KeyIdPrefix.Length);
        return digits.Length > 0
            && (digits.Length == 1 || digits[0] != '0')
            && uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out departmentId);
    }

    /// <summary>What a holder demands of a request's signature.</summary>
    public static HttpSignaturePolicy RequestPolicy(ulong chainId, string registry) => new()
    {
        RequiredComponents = RequestComponents,
        RequiredTag = Tag(chainId, registry),
        RequireCreated = true,
        RequireExpires = true,
        RequireNonce = true,
        MaxLifetime = Lifetime,
        MaxClockSkew = MaxClockSkew,
    };

    /// <summary>
    /// What a grantee demands of a response's signature. No nonce: a response answers one signed request, and an
    /// auditor checks it long after it expired (give <c>now</c> = its <c>created</c> then).
    /// </summary>
    public static HttpSignaturePolicy ResponsePolicy(ulong chainId, string registry) => new()
    {
        RequiredComponents = ResponseComponents,
        RequiredTag = Tag(chainId, registry),
        RequireCreated = true,
        RequireExpires = true,
        RequireNonce = false,
        MaxLifetime = Lifetime,
        MaxClockSkew = MaxClockSkew,
    };

    /// <summary>Parameters of a new request signature by <paramref name="departmentId"/>'s node: created now, expiring after <see cref="Lifetime"/>, a fresh nonce.</summary>
    public static SignatureParameters RequestParameters(uint departmentId, ulong chainId, string registry, DateTimeOffset now)
    {
        long created = now.ToUnixTimeSeconds();
        return new SignatureParameters(
            RequestComponents, created, created + (long)Lifetime.TotalSeconds, KeyId(departmentId), SignatureParameters.NewNonce(), EcdsaP256Sha256.Name, Tag(chainId, registry));
    }

    /// <summary>Parameters of a new response signature by <paramref name="departmentId"/>'s node.</summary>
    public static SignatureParameters ResponseParameters(uint departmentId, ulong chainId, string registry, DateTimeOffset now)
    {
        long created = now.ToUnixTimeSeconds();
        return new SignatureParameters(
            ResponseComponents, created, created + (long)Lifetime.TotalSeconds, KeyId(departmentId), null, EcdsaP256Sha256.Name, Tag(chainId, registry));
    }
}
