using EthGov.Core.Digests;

namespace EthGov.Core.Verification;

/// <summary>
/// What the chain says about a stated anchoring transaction: whether it exists, the block that holds it, the contract it
/// was sent to, whether it succeeded, and whether the registry emitted, in it, the anchoring of the digest (or of the
/// batch root) for the department the verdict is about.
/// </summary>
/// <param name="Hash">The transaction asked about.</param>
/// <param name="Found">Whether the chain has a receipt for it.</param>
/// <param name="BlockNumber">The block that holds it; 0 when not found.</param>
/// <param name="BlockHash">That block's hash; null when not found.</param>
/// <param name="To">The address it was sent to; null when not found.</param>
/// <param name="Succeeded">Whether it succeeded.</param>
/// <param name="EmittedAnchoring">Whether the registry logged, in it, the anchoring of this digest or root for the department.</param>
public sealed record AnchoringTransaction(Digest Hash, bool Found, ulong BlockNumber, Digest? BlockHash, string? To, bool Succeeded, bool EmittedAnchoring)
{
    /// <summary>The chain has no transaction <paramref name="hash"/>.</summary>
    public static AnchoringTransaction Missing(Digest hash) => new(hash, false, 0, null, null, false, false);
}
