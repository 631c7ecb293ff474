namespace EthGov.Application.Replicas;

/// <summary>
/// One holding of the replica lease: its <paramref name="Epoch"/> (one higher than any earlier holder's) and the moment,
/// on this process's monotonic clock, until which the holder may act on it.
/// </summary>
/// <param name="Epoch">The lease's epoch while this holder holds it.</param>
/// <param name="ValidUntil">A <see cref="System.Diagnostics.Stopwatch"/> timestamp: taken before the renewal was asked for,
/// plus the lease's duration, so it never outlasts the expiry the database recorded.</param>
public readonly record struct LeaseTerm(long Epoch, long ValidUntil)
{
    /// <summary>Whether the term still holds at <paramref name="now"/> (a Stopwatch timestamp).</summary>
    public bool HoldsAt(long now) => now < ValidUntil;
}
