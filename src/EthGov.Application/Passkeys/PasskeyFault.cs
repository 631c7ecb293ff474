namespace EthGov.Application.Passkeys;

/// <summary>
/// What exactly was wrong with a passkey's answer (<see cref="PasskeyRefusal.Fault"/>), finer than its problem type: a
/// code, so the API words it in the caller's language. The values a fault takes are listed with it.
/// </summary>
public enum PasskeyFault
{
    /// <summary>The client data is too long; the value is the most bytes.</summary>
    ClientDataTooLong,

    /// <summary>The client data is not a JSON object.</summary>
    ClientDataNotObject,

    /// <summary>The client data does not begin as WebAuthn serializes an assertion's.</summary>
    ClientDataNotSerialized,

    /// <summary>The client data carries no 32-byte challenge in base64url.</summary>
    ClientDataNoChallenge,

    /// <summary>The client data is of another type; the values are the type given and the one expected.</summary>
    ClientDataWrongType,

    /// <summary>The client data carries another challenge.</summary>
    OtherChallenge,

    /// <summary>The challenge was not handed out for a sign-in.</summary>
    ChallengeNotForSignIn,

    /// <summary>No challenge of the consent request is open.</summary>
    NoOpenChallenge,

    /// <summary>No challenge was handed out for the registration code.</summary>
    NoChallengeForCode,

    /// <summary>The client data names another origin; the values are the origin given and this node's.</summary>
    WrongOrigin,

    /// <summary>As <see cref="WrongOrigin"/>, in a cross-origin frame.</summary>
    WrongOriginCrossFrame,

    /// <summary>The authenticator data was made for another relying party id; the value is this node's.</summary>
    OtherRelyingParty,

    /// <summary>The user was not present and verified; the value is the flags byte in hex.</summary>
    UserNotVerified,

    /// <summary>The credential's key is not ES256 on P-256.</summary>
    NotP256,

    /// <summary>The attestation object has more entries than WebAuthn defines.</summary>
    AttestationTooManyEntries,

    /// <summary>The attestation object is not WebAuthn's CBOR map.</summary>
    AttestationNotCbor,

    /// <summary>The attestation object carries no authenticator data with a credential.</summary>
    AttestationNoAuthenticatorData,

    /// <summary>The authenticator data has no attested credential data.</summary>
    NoAttestedCredential,

    /// <summary>The credential id's length does not fit the authenticator data.</summary>
    CredentialIdLength,

    /// <summary>The authenticator data is shorter than 37 bytes or longer than 1,024.</summary>
    AuthenticatorDataLength,

    /// <summary>The signature is not DER-encoded ECDSA.</summary>
    SignatureNotDer,

    /// <summary>The signature does not verify with the bound passkey.</summary>
    SignatureDoesNotVerify,
}
