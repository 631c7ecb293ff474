using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// Verifies one <c>ecdsa-p256-sha256</c> signature of a message against a policy (RFC 9421 section 3.2).
/// Pure: the caller reads the message, finds keys and keeps the nonce cache.
/// </summary>
/// <remarks>
/// Hostile input never escapes as an exception: every malformed, oversized or duplicated field comes back as
/// a <see cref="HttpSignatureVerification"/> with its reason. Cheap checks (parsing, policy, times) run before
/// the key is looked up and before any cryptography, so a flood of stale or malformed requests costs little.
/// </remarks>
public static class HttpSignatureVerifier
{
    /// <summary>
    /// Reads the parameters of the signature under <paramref name="label"/> without checking it, so that the
    /// caller can find its key (for example on chain, asynchronously) before calling <see cref="Verify"/>.
    /// </summary>
    /// <returns>True with the parameters, or false with the refusal.</returns>
    public static bool TryReadParameters(
        HttpMessageParts message,
        string label,
        HttpSignatureLimits limits,
        [NotNullWhen(true)] out SignatureParameters? parameters,
        [NotNullWhen(false)] out HttpSignatureVerification? refusal)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(limits);
        parameters = null;
        if (message.GetField(HttpSignatureFields.SignatureInputField) is not { } input)
        {
            refusal = new(HttpSignatureOutcome.NotSigned, "the message has no Signature-Input field", label, null);
            return false;
        }

        if (!StructuredFieldParser.TryParseDictionary(input, limits, out var members, out var error))
        {
            refusal = new(HttpSignatureOutcome.MalformedSignatureInput, $"Signature-Input is malformed: {error}", label, null);
            return false;
        }

        if (members.FirstOrDefault(m => m.Key == label) is not { } member)
        {
            refusal = new(HttpSignatureOutcome.LabelNotFound, $"Signature-Input has no signature labelled '{label}'{Labels(members)}", label, null);
            return false;
        }

        if (!SignatureParameters.TryFromMember(member, out parameters, out error))
        {
            refusal = new(HttpSignatureOutcome.UnsupportedParameters, $"signature '{label}': {error}", label, null);
            return false;
        }

        refusal = null;
        return true;
    }

    /// <summary>
    /// Verifies the signature under <paramref name="label"/>: its parameters against <paramref name="policy"/> and
    /// <paramref name="now"/>, then the signature itself with the key <paramref name="findKey"/> returns for its
    /// <c>keyid</c> (null when none is known).
    /// </summary>
    public static HttpSignatureVerification Verify(
        HttpMessageParts message,
        string label,
        HttpSignaturePolicy policy,
        Func<string, ECDsa?> findKey,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(findKey);
        if (!TryReadParameters(message, label, policy.Limits, out var parameters, out var refusal))
        {
            return refusal;
        }

        HttpSignatureVerification Refuse(HttpSignatureOutcome outcome, string detail) => new(outcome, $"signature '{label}': {detail}", label, parameters);

        if (!TryReadSignature(message, label, policy.Limits, out var signature, out var signatureRefusal))
        {
            return Refuse(signatureRefusal.Value.Outcome, signatureRefusal.Value.Detail);
        }

        if (parameters.Algorithm is { } algorithm && algorithm != EcdsaP256Sha256.Name)
        {
            return Refuse(HttpSignatureOutcome.AlgorithmMismatch, $"alg is \"{algorithm}\", but only {EcdsaP256Sha256.Name} is accepted");
        }

        if (MissingParameter(parameters, policy) is { } missing)
        {
            return Refuse(HttpSignatureOutcome.MissingRequiredParameter, $"the parameter '{missing}' is required and absent");
        }

        if (policy.RequiredTag is { } tag && parameters.Tag != tag)
        {
            return Refuse(
                HttpSignatureOutcome.TagMismatch,
                parameters.Tag is null ? $"the tag \"{tag}\" is required and absent" : $"the tag is \"{parameters.Tag}\", not \"{tag}\"");
        }

        var uncovered = policy.RequiredComponents.Where(c => !parameters.Components.Contains(c)).ToArray();
        if (uncovered.Length > 0)
        {
            return Refuse(HttpSignatureOutcome.MissingRequiredComponent, $"it does not cover {string.Join(", ", uncovered.Select(c => c.ToString()))}");
        }

        if (CheckTimes(parameters, policy, now) is { } timeRefusal)
        {
            return Refuse(timeRefusal.Outcome, timeRefusal.Detail);
        }

        if (parameters.KeyId is not { } keyId || findKey(keyId) is not { } key)
        {
            return Refuse(HttpSignatureOutcome.UnknownKey, $"no key is known under keyid \"{parameters.KeyId}\"");
        }

        if (!SignatureBase.TryCreate(message, parameters, out var signatureBase, out var error))
        {
            return Refuse(HttpSignatureOutcome.ComponentUnavailable, error);
        }

        if (signature.Length != EcdsaP256Sha256.SignatureSize)
        {
            return Refuse(HttpSignatureOutcome.BadSignature, $"the signature is {signature.Length} bytes, not the {EcdsaP256Sha256.SignatureSize} of r || s");
        }

        return EcdsaP256Sha256.Verify(key, Encoding.ASCII.GetBytes(signatureBase), signature)
            ? new(HttpSignatureOutcome.Valid, $"signature '{label}' by \"{keyId}\" verifies over {parameters.Components.Count} components", label, parameters)
            : Refuse(HttpSignatureOutcome.BadSignature, $"the signature does not verify with the key \"{keyId}\" over the message as received");
    }

    private static bool TryReadSignature(
        HttpMessageParts message,
        string label,
        HttpSignatureLimits limits,
        [NotNullWhen(true)] out byte[]? signature,
        [NotNullWhen(false)] out (HttpSignatureOutcome Outcome, string Detail)? refusal)
    {
        signature = null;
        if (message.GetField(HttpSignatureFields.SignatureField) is not { } field)
        {
            refusal = (HttpSignatureOutcome.NotSigned, "the message has no Signature field");
            return false;
        }

        if (!StructuredFieldParser.TryParseDictionary(field, limits, out var members, out var error))
        {
            refusal = (HttpSignatureOutcome.MalformedSignature, $"Signature is malformed: {error}");
            return false;
        }

        if (members.FirstOrDefault(m => m.Key == label) is not { } member)
        {
            refusal = (HttpSignatureOutcome.LabelNotFound, $"Signature has no member labelled '{label}'{Labels(members)}");
            return false;
        }

        if (member.Item is not { Value.Kind: SfItemKind.ByteSequence, Parameters.Count: 0 } item)
        {
            refusal = (HttpSignatureOutcome.MalformedSignature, "its Signature member is not a byte sequence without parameters");
            return false;
        }

        signature = item.Value.Bytes!;
        refusal = null;
        return true;
    }

    private static string? MissingParameter(SignatureParameters parameters, HttpSignaturePolicy policy)
    {
        if (parameters.KeyId is null)
        {
            return SignatureParameters.KeyIdKey;
        }

        if (policy.RequireCreated && parameters.Created is null)
        {
            return SignatureParameters.CreatedKey;
        }

        if (policy.RequireExpires && parameters.Expires is null)
        {
            return SignatureParameters.ExpiresKey;
        }

        return policy.RequireNonce && parameters.Nonce is null ? SignatureParameters.NonceKey : null;
    }

    private static (HttpSignatureOutcome Outcome, string Detail)? CheckTimes(SignatureParameters parameters, HttpSignaturePolicy policy, DateTimeOffset now)
    {
        long nowSeconds = now.ToUnixTimeSeconds();
        long skew = (long)policy.MaxClockSkew.TotalSeconds;
        long lifetime = (long)policy.MaxLifetime.TotalSeconds;
        if (parameters.Created is { } created && parameters.Expires is { } expiresAfter && expiresAfter < created)
        {
            return (HttpSignatureOutcome.UnsupportedParameters, $"it expires at {Time(expiresAfter)}, before its creation at {Time(created)}");
        }

        if (parameters.Created is { } createdAt && createdAt > nowSeconds + skew)
        {
            return (HttpSignatureOutcome.CreatedInFuture, $"it was created at {Time(createdAt)}, more than {skew} s after now ({Time(nowSeconds)})");
        }

        if (parameters.Expires is { } expires)
        {
            if (nowSeconds > expires + skew)
            {
                return (HttpSignatureOutcome.Expired, $"it expired at {Time(expires)}, more than {skew} s before now ({Time(nowSeconds)})");
            }

            long from = parameters.Created ?? nowSeconds;
            if (expires - from > lifetime)
            {
                return (HttpSignatureOutcome.LifetimeTooLong, $"it is valid for {expires - from} s, longer than the {lifetime} s allowed");
            }
        }
        else if (parameters.Created is { } createdOnly && nowSeconds > createdOnly + lifetime + skew)
        {
            return (HttpSignatureOutcome.Expired, $"it was created at {Time(createdOnly)} and has no expiry; signatures older than {lifetime} s are refused");
        }

        return null;
    }

    private static string Labels(IReadOnlyList<SfDictionaryMember> members) =>
        members.Count == 0 ? " (it has none)" : $" (it has {string.Join(", ", members.Select(m => $"'{m.Key}'"))})";

    private static string Time(long unixSeconds) =>
        unixSeconds is >= 0 and <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : unixSeconds.ToString(CultureInfo.InvariantCulture);
}
