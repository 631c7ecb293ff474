namespace EthGov.Chain.Signing;

/// <summary>
/// Why a new key's consent is refused (<see cref="SignerConsent.MismatchOf"/>, or a consent <c>SignerConsent.TryParse</c>
/// cannot read): a code, so the API words it in the caller's language; <c>SignerConsent.Describe</c> and
/// <see cref="SignerConsent.DescribeUnread"/> word it in English, as the CLI prints it.
/// </summary>
public enum SignerConsentFault
{
    /// <summary>Signed for another registry or chain.</summary>
    OtherRegistry,

    /// <summary>Signed by another key.</summary>
    OtherKey,

    /// <summary>Signed for another department.</summary>
    OtherDepartment,

    /// <summary>Signed at a nonce the key has moved past.</summary>
    NonceMoved,

    /// <summary>Past its deadline.</summary>
    Expired,

    /// <summary>The signature is not the key's consent to this addition.</summary>
    NotSignedByKey,

    /// <summary>Neither a consent file nor a token.</summary>
    NotAConsent,

    /// <summary>A token whose deadline lies beyond the year 9999.</summary>
    DeadlineBeyond9999,

    /// <summary>A file that is not JSON.</summary>
    FileNotJson,

    /// <summary>A file without every field, or with one malformed.</summary>
    FileIncomplete,
}
