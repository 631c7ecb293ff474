using System.Security.Cryptography;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// A key given to HPKE was refused before any secret was derived from it: RFC 9180's DeserializeError
/// and ValidationError. A node that receives this for a peer's published key or for an encapsulated key
/// should report the peer, not retry.
/// </summary>
public sealed class HpkeInvalidKeyException(HpkeKeyProblem problem, string message) : CryptographicException(message)
{
    /// <summary>What is wrong with the key.</summary>
    public HpkeKeyProblem Problem { get; } = problem;
}
