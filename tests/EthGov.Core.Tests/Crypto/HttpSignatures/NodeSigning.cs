using System.Security.Cryptography;
using System.Text;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Tests.Crypto.HttpSignatures;

/// <summary>
/// Builds what the verifier tests work on: a node-to-node request as a department node would send it, signed
/// with a fresh P-256 key, and the policy a receiving node would apply.
/// </summary>
internal sealed class NodeSigning : IDisposable
{
    public const string Label = "ethgov";
    public const string KeyId = "department-7/node-key-1";
    public const string Tag = "ethgov-exchange/chain-31337";
    public const string Body = "{\"grant\":\"0x01\",\"record\":\"0x02\"}";

    /// <summary>The verifier's clock in every test.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static long NowSeconds => Now.ToUnixTimeSeconds();

    /// <summary>The components a receiving node requires: the request itself, its holder and its body.</summary>
    public static IReadOnlyList<ComponentIdentifier> Components { get; } =
    [
        ComponentIdentifier.Method,
        ComponentIdentifier.TargetUri,
        ComponentIdentifier.Authority,
        ComponentIdentifier.Field("content-type"),
        ComponentIdentifier.Field("content-digest"),
    ];

    public static HttpSignaturePolicy Policy { get; } = new()
    {
        RequiredComponents = Components,
        RequiredTag = Tag,
    };

    /// <summary>A request as sent, before signing.</summary>
    public static HttpMessageParts Request(
        string target = "https://holder.example:8443/api/v1/node/releases?grant=0x01",
        string contentType = "application/json",
        string body = Body) =>
        HttpMessageParts.ForRequest("POST", new Uri(target))
            .AddField("Content-Type", contentType)
            .AddField("Content-Digest", ContentDigest.Create(Encoding.UTF8.GetBytes(body)));

    /// <summary>Parameters as a node signs them: one minute of validity from now, a fresh nonce, the chain's tag.</summary>
    public static SignatureParameters Parameters(
        long? created = null,
        long? expires = null,
        IEnumerable<ComponentIdentifier>? components = null,
        string? tag = Tag,
        string? algorithm = EcdsaP256Sha256.Name)
    {
        long c = created ?? NowSeconds;
        return new SignatureParameters(components ?? Components, c, expires ?? c + 60, KeyId, SignatureParameters.NewNonce(), algorithm, tag);
    }

    public HttpSignatureFields Sign(HttpMessageParts message, SignatureParameters? parameters = null) =>
        HttpSignatureSigner.Sign(message, Label, parameters ?? Parameters(), Key);

    /// <summary>The message as the receiver sees it: <paramref name="received"/> with the signer's fields added.</summary>
    public static HttpMessageParts Deliver(HttpMessageParts received, HttpSignatureFields fields) =>
        Deliver(received, fields.SignatureInput, fields.Signature);

    public static HttpMessageParts Deliver(HttpMessageParts received, string signatureInput, string signature) =>
        received.AddField("Signature-Input", signatureInput).AddField("Signature", signature);

    public HttpSignatureVerification Verify(HttpMessageParts received, HttpSignaturePolicy? policy = null, DateTimeOffset? now = null) =>
        HttpSignatureVerifier.Verify(received, Label, policy ?? Policy, id => id == KeyId ? Key : null, now ?? Now);

    public void Dispose() => Key.Dispose();
}
