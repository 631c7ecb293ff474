namespace EthGov.Chain.Transactions;

/// <summary>
/// What lets a sender sign only while its process may send for the key: with several replicas of a node on one database,
/// the holder of the replica lease. The sender asks for the current <see cref="Term"/> before a send, and reserves every
/// nonce it signs under that term first (<see cref="ReserveAsync"/>); a refused reservation means another replica took
/// over, and nothing is signed.
/// </summary>
public interface INonceFence
{
    /// <summary>The epoch of the lease this process holds now, or null when it does not hold it.</summary>
    long? Term { get; }

    /// <summary>
    /// Reserves <paramref name="nonce"/> of <paramref name="signer"/> under <paramref name="term"/>: false when the lease
    /// moved on (or cannot be checked), and the transaction must not be signed.
    /// </summary>
    Task<bool> ReserveAsync(long term, string signer, ulong nonce, CancellationToken cancellationToken);
}
