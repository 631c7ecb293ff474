namespace EthGov.Application.Passkeys;

/// <summary>
/// Why the node refused a passkey's answer (a registration or an assertion): one of the slugs below, which the API uses as
/// the RFC 7807 problem type, and a sentence saying what was found (never key material).
/// </summary>
/// <param name="Reason">The slug.</param>
/// <param name="Detail">What was found.</param>
public sealed record PasskeyRefusal(string Reason, string Detail)
{
    /// <summary>The client data or the attestation object cannot be read, or the assertion is not in WebAuthn's serialization.</summary>
    public const string Malformed = "passkey-response-malformed";

    /// <summary>The credential's public key is not an ES256 (P-256) key on the curve.</summary>
    public const string NotP256 = "passkey-not-p256";

    /// <summary>The authenticator data lacks the user-present or the user-verified flag.</summary>
    public const string UserNotVerified = "passkey-user-not-verified";

    /// <summary>The client data names another origin (or a cross-origin frame), or the authenticator data another relying party id's hash.</summary>
    public const string WrongOrigin = "passkey-wrong-origin";

    /// <summary>The client data carries another challenge than the one this answer must sign (another request, a used nonce, another type).</summary>
    public const string ChallengeMismatch = "passkey-challenge-mismatch";

    /// <summary>The signature does not verify with the bound passkey's public key.</summary>
    public const string InvalidSignature = "passkey-invalid-signature";
}
