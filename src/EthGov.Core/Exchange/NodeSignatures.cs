using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Exchange;

/// <summary>
/// Signs and checks node-to-node messages under <see cref="NodeSignatureProfile"/>, from the parts of a message alone,
/// so that the grantee's <c>HttpClient</c> side and the holder's ASP.NET side build the same signature base through
/// their adapters and nothing else.
/// </summary>
/// <remarks>
/// Checking a request takes two steps because the key lives on chain: <see cref="TryReadSigner"/> says which department
/// claims to have signed (without any cryptography), the caller reads that department's published key, and
/// <see cref="VerifyRequest"/> checks the policy, the signature and the body's digest.
/// </remarks>
public static class NodeSignatures
{
    /// <summary>Signs a request from <paramref name="department"/>'s node to <paramref name="target"/> with <paramref name="body"/>.</summary>
    /// <returns>The fields to add to the request.</returns>
    public static SignedFields SignRequest(
        string method, Uri target, ReadOnlySpan<byte> body, uint department, ulong chainId, string registry, ECDsa key, DateTimeOffset now)
    {
        var contentDigest = ContentDigest.Create(body);
        var parts = HttpMessageParts.ForRequest(method, target)
            .AddField("Content-Type", NodeSignatureProfile.ContentType)
            .AddField(ContentDigest.FieldName, contentDigest);
        var fields = HttpSignatureSigner.Sign(parts, NodeSignatureProfile.Label, NodeSignatureProfile.RequestParameters(department, chainId, registry, now), key);
        return new SignedFields(NodeSignatureProfile.ContentType, contentDigest, fields.SignatureInput, fields.Signature);
    }

    /// <summary>Signs a response with <paramref name="status"/> and <paramref name="body"/> from <paramref name="department"/>'s node.</summary>
    /// <returns>The fields to add to the response.</returns>
    public static SignedFields SignResponse(
        int status, ReadOnlySpan<byte> body, uint department, ulong chainId, string registry, ECDsa key, DateTimeOffset now)
    {
        var contentDigest = ContentDigest.Create(body);
        var parts = HttpMessageParts.ForResponse(status).AddField(ContentDigest.FieldName, contentDigest);
        var fields = HttpSignatureSigner.Sign(parts, NodeSignatureProfile.Label, NodeSignatureProfile.ResponseParameters(department, chainId, registry, now), key);
        return new SignedFields(null, contentDigest, fields.SignatureInput, fields.Signature);
    }

    /// <summary>
    /// Which department's node claims to have signed <paramref name="message"/> (its keyid), read without checking anything
    /// else; a message without a readable <c>ethgov</c> signature is <c>invalid-signature</c>, a keyid not of the form
    /// <c>department:&lt;id&gt;</c> is <c>unknown-node-key</c>.
    /// </summary>
    public static bool TryReadSigner(HttpMessageParts message, out uint department, [NotNullWhen(false)] out ExchangeRefusal? refusal)
    {
        department = 0;
        if (!HttpSignatureVerifier.TryReadParameters(message, NodeSignatureProfile.Label, HttpSignatureLimits.Default, out var parameters, out var failed))
        {
            refusal = new ExchangeRefusal(ExchangeRefusal.InvalidSignature, failed.Detail);
            return false;
        }

        if (!NodeSignatureProfile.TryParseKeyId(parameters.KeyId, out department))
        {
            refusal = new ExchangeRefusal(ExchangeRefusal.UnknownNodeKey, $"the keyid \"{parameters.KeyId}\" does not name a department (department:<id>)");
            return false;
        }

        refusal = null;
        return true;
    }

    /// <summary>
    /// Checks a request's signature by <paramref name="department"/> with the key it publishes on chain (null when it
    /// publishes none), under the request policy of this chain and registry, and the body against its digest.
    /// </summary>
    /// <returns>Null with the valid signature's parameters (record its nonce), or the refusal.</returns>
    public static ExchangeRefusal? VerifyRequest(
        HttpMessageParts message,
        ReadOnlySpan<byte> body,
        uint department,
        ECDsa? publishedKey,
        ulong chainId,
        string registry,
        DateTimeOffset now,
        out SignatureParameters? parameters) =>
        Verify(message, body, department, publishedKey, NodeSignatureProfile.RequestPolicy(chainId, registry), now, out parameters);

    /// <summary>
    /// Checks a response's signature by the holder <paramref name="department"/> with its published key (null when none),
    /// and the body against its digest. An auditor checking an old response gives <paramref name="now"/> = its creation.
    /// </summary>
    /// <returns>Null when it verifies, or the refusal.</returns>
    public static ExchangeRefusal? VerifyResponse(
        HttpMessageParts message, ReadOnlySpan<byte> body, uint department, ECDsa? publishedKey, ulong chainId, string registry, DateTimeOffset now) =>
        Verify(message, body, department, publishedKey, NodeSignatureProfile.ResponsePolicy(chainId, registry), now, out _);

    private static ExchangeRefusal? Verify(
        HttpMessageParts message,
        ReadOnlySpan<byte> body,
        uint department,
        ECDsa? publishedKey,
        HttpSignaturePolicy policy,
        DateTimeOffset now,
        out SignatureParameters? parameters)
    {
        ArgumentNullException.ThrowIfNull(message);
        string keyId = NodeSignatureProfile.KeyId(department);
        var verification = HttpSignatureVerifier.Verify(message, NodeSignatureProfile.Label, policy, id => id == keyId ? publishedKey : null, now);
        parameters = verification.Parameters;
        if (!verification.IsValid)
        {
            return verification.Outcome == HttpSignatureOutcome.UnknownKey
                ? new ExchangeRefusal(
                    ExchangeRefusal.UnknownNodeKey,
                    publishedKey is null
                        ? $"department {department} publishes no node key on chain"
                        : $"the signature names \"{verification.Parameters?.KeyId}\", not \"{keyId}\"")
                : new ExchangeRefusal(ExchangeRefusal.InvalidSignature, verification.Detail);
        }

        var digest = ContentDigest.Check(message.GetField(ContentDigest.FieldName), body, policy.Limits);
        return digest.IsMatch ? null : new ExchangeRefusal(ExchangeRefusal.InvalidSignature, digest.Detail);
    }
}
