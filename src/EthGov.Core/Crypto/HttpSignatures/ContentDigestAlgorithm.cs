namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>The hash algorithms of RFC 9530 that EthGov writes and checks in <c>Content-Digest</c>.</summary>
public enum ContentDigestAlgorithm
{
    /// <summary><c>sha-256</c>: what EthGov writes.</summary>
    Sha256,

    /// <summary><c>sha-512</c>: checked when a sender uses it.</summary>
    Sha512,
}
