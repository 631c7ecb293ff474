using EthGov.Chain.Abi;

namespace EthGov.Chain.Transactions;

/// <summary>
/// The failure of a send refused by the sender's <see cref="INonceFence"/>: this process does not hold the replica lease
/// (another replica sends for the key). Retryable, and not the sender's fault: the work waits for the holder.
/// </summary>
public static class FencedOut
{
    /// <summary>The name of the <see cref="ChainError"/> a fenced-out send fails with.</summary>
    public const string ErrorName = "NotLeaseHolder";

    /// <summary>The error for <paramref name="signer"/>, saying <paramref name="why"/>.</summary>
    public static ChainError Error(string signer, string why) => new(ChainErrorKind.Unavailable, ErrorName,
        new Dictionary<string, object?> { ["signer"] = signer }, $"signer {signer} does not send from this replica: {why}");
}
