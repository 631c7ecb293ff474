namespace EthGov.Application.Passkeys;

/// <summary>
/// Why the node refused a passkey's answer (a registration or an assertion): one of the slugs below, which the API uses as
/// the RFC 7807 problem type, and a sentence saying what was found (never key material), made from a
/// <see cref="PasskeyFault"/> code and its values (<see cref="Of"/>).
/// </summary>
/// <param name="Reason">The slug.</param>
/// <param name="Detail">What was found, in English.</param>
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

    /// <summary>What was wrong, as a code.</summary>
    public PasskeyFault Fault { get; private init; }

    /// <summary>The fault's values, in the order <see cref="PasskeyFault"/> lists them.</summary>
    public IReadOnlyList<string> Values { get; private init; } = [];

    /// <summary>The refusal for <paramref name="fault"/> with its <paramref name="values"/>: its slug and its English sentence.</summary>
    public static PasskeyRefusal Of(PasskeyFault fault, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var (reason, detail) = fault switch
        {
            PasskeyFault.ClientDataTooLong => (Malformed, $"the client data is longer than {values[0]} bytes"),
            PasskeyFault.ClientDataNotObject => (Malformed, "the client data is not a JSON object"),
            PasskeyFault.ClientDataNotSerialized => (Malformed, "the client data does not begin as WebAuthn serializes it ({\"type\":\"webauthn.get\",\"challenge\":\")"),
            PasskeyFault.ClientDataNoChallenge => (Malformed, "the client data carries no 32-byte challenge in base64url"),
            PasskeyFault.ClientDataWrongType => (ChallengeMismatch, $"the client data is of type \"{values[0]}\", not \"{values[1]}\""),
            PasskeyFault.OtherChallenge => (ChallengeMismatch, "the client data carries another challenge than the one this answer must sign"),
            PasskeyFault.ChallengeNotForSignIn => (ChallengeMismatch, "the client data carries a challenge this node did not hand out for a sign-in"),
            PasskeyFault.NoOpenChallenge => (ChallengeMismatch, "no challenge of this request is open (none was asked for, or its deadline passed): ask for a new one"),
            PasskeyFault.NoChallengeForCode => (ChallengeMismatch, "no challenge was handed out for this code: ask for the registration options first"),
            PasskeyFault.WrongOrigin => (WrongOrigin, $"the client data names the origin \"{values[0]}\", not {values[1]}"),
            PasskeyFault.WrongOriginCrossFrame => (WrongOrigin, $"the client data names the origin \"{values[0]}\" in a cross-origin frame, not {values[1]}"),
            PasskeyFault.OtherRelyingParty => (WrongOrigin, $"the authenticator data was made for another relying party id than {values[0]}"),
            PasskeyFault.UserNotVerified => (UserNotVerified, $"the authenticator data's flags are 0x{values[0]}: the user must be present (0x01) and verified (0x04)"),
            PasskeyFault.NotP256 => (NotP256, "the credential's public key is not an ES256 key on P-256 (COSE kty 2, alg -7, crv 1)"),
            PasskeyFault.AttestationTooManyEntries => (Malformed, "the attestation object has more entries than WebAuthn defines"),
            PasskeyFault.AttestationNotCbor => (Malformed, "the attestation object is not the CBOR map WebAuthn defines"),
            PasskeyFault.AttestationNoAuthenticatorData => (Malformed, "the attestation object carries no authenticator data with a credential"),
            PasskeyFault.NoAttestedCredential => (Malformed, "the authenticator data has no attested credential data"),
            PasskeyFault.CredentialIdLength => (Malformed, "the credential id's length does not fit the authenticator data"),
            PasskeyFault.AuthenticatorDataLength => (Malformed, "the authenticator data is shorter than 37 bytes or longer than 1,024"),
            PasskeyFault.SignatureNotDer => (InvalidSignature, "the signature is not a DER-encoded ECDSA signature"),
            _ => (InvalidSignature, "the signature does not verify with the passkey bound to the record"),
        };
        return new PasskeyRefusal(reason, detail) { Fault = fault, Values = values };
    }
}
