namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>What the verifier concluded about one signature; every value but <see cref="Valid"/> is a refusal.</summary>
public enum HttpSignatureOutcome
{
    /// <summary>The signature verifies and meets the policy.</summary>
    Valid,

    /// <summary>The message has no <c>Signature-Input</c> or no <c>Signature</c> field.</summary>
    NotSigned,

    /// <summary><c>Signature-Input</c> is not a well-formed dictionary within the limits.</summary>
    MalformedSignatureInput,

    /// <summary><c>Signature</c> is not a well-formed dictionary within the limits, or its member is not a byte sequence.</summary>
    MalformedSignature,

    /// <summary>The expected label is missing from <c>Signature-Input</c> or from <c>Signature</c>.</summary>
    LabelNotFound,

    /// <summary>The signature's components or parameters are not ones EthGov supports (an unknown parameter, a value of
    /// the wrong type, a component covered twice, an expiry before the creation).</summary>
    UnsupportedParameters,

    /// <summary>The <c>alg</c> parameter names another algorithm than <c>ecdsa-p256-sha256</c>.</summary>
    AlgorithmMismatch,

    /// <summary>A parameter the policy requires (<c>keyid</c>, <c>created</c>, <c>expires</c>, <c>nonce</c>) is absent.</summary>
    MissingRequiredParameter,

    /// <summary>A component the policy requires is not covered by the signature.</summary>
    MissingRequiredComponent,

    /// <summary>The <c>tag</c> parameter is not the one the policy requires (the signature was made for another purpose or chain).</summary>
    TagMismatch,

    /// <summary>The signature was created later than now plus the allowed clock skew.</summary>
    CreatedInFuture,

    /// <summary>The signature's expiry (or its creation plus the longest lifetime allowed) lies further back than the allowed clock skew.</summary>
    Expired,

    /// <summary>The signature claims a longer lifetime than the policy allows, which would widen the window for replay.</summary>
    LifetimeTooLong,

    /// <summary>No key is known under the signature's <c>keyid</c>.</summary>
    UnknownKey,

    /// <summary>A covered component is absent from the message or holds a character a signature base cannot carry.</summary>
    ComponentUnavailable,

    /// <summary>The signature does not verify with the key over the message as received.</summary>
    BadSignature,
}
