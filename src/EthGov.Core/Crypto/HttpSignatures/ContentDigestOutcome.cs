namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>What checking a <c>Content-Digest</c> field against the content found.</summary>
public enum ContentDigestOutcome
{
    /// <summary>Every supported digest in the field matches the content.</summary>
    Matches,

    /// <summary>The message has no <c>Content-Digest</c> field.</summary>
    Missing,

    /// <summary>The field is not a well-formed dictionary of byte sequences within the limits.</summary>
    Malformed,

    /// <summary>The field names only algorithms EthGov does not check (sha-256 and sha-512 are).</summary>
    NoSupportedAlgorithm,

    /// <summary>A digest in the field differs from the content's.</summary>
    Mismatch,
}
