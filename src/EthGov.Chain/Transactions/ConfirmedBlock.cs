namespace EthGov.Chain.Transactions;

/// <summary>The highest block number a confirmation was seen in; only ever rises.</summary>
internal sealed class ConfirmedBlock
{
    private long _number = -1;

    /// <summary>The highest block seen, or null before any.</summary>
    public ulong? Number => Volatile.Read(ref _number) is >= 0 and var n ? (ulong)n : null;

    /// <summary>Records a confirmation in block <paramref name="number"/>.</summary>
    public void Raise(ulong number)
    {
        long candidate = (long)Math.Min(number, long.MaxValue);
        long seen = Volatile.Read(ref _number);
        while (candidate > seen)
        {
            long found = Interlocked.CompareExchange(ref _number, candidate, seen);
            if (found == seen)
            {
                return;
            }

            seen = found;
        }
    }
}
