namespace EthGov.Chain.Transactions;

/// <summary>
/// The highest block in which a transaction was confirmed through the <see cref="TransactionConfirmation"/> that owns
/// this view. It only rises, and only that confirmation raises it; reads use it so that an answer never rests on a
/// block older than the process's own latest write.
/// </summary>
public sealed class ConfirmedBlock
{
    private long _number = -1;

    internal ConfirmedBlock()
    {
    }

    /// <summary>The highest block seen, or null before any.</summary>
    public ulong? Number => Volatile.Read(ref _number) is >= 0 and var n ? (ulong)n : null;

    /// <summary>Records a confirmation in block <paramref name="number"/>.</summary>
    internal void Raise(ulong number)
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
