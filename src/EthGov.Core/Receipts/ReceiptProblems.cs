namespace EthGov.Core.Receipts;

/// <summary>
/// The problems <see cref="ReceiptReader"/> has found so far, up to <see cref="ReceiptReader.MaxErrors"/>: a hostile
/// receipt can hold millions of faults, and listing each one would cost memory and an answer in proportion to it.
/// Once full, the reader stops looking.
/// </summary>
internal sealed class ReceiptProblems
{
    private readonly List<ReceiptError> _items = [];

    /// <summary>Problems kept.</summary>
    public IReadOnlyList<ReceiptError> Items => _items;

    /// <summary>Problems kept so far.</summary>
    public int Count => _items.Count;

    /// <summary>True once a problem beyond the cap was found and left out.</summary>
    public bool Truncated { get; private set; }

    /// <summary>True when no further problem would be kept: the reader may stop walking.</summary>
    public bool IsFull => _items.Count >= ReceiptReader.MaxErrors;

    /// <summary>Keeps <paramref name="problem"/>, or notes that one was left out.</summary>
    public void Add(ReceiptError problem)
    {
        if (IsFull)
        {
            Truncated = true;
            return;
        }

        _items.Add(problem);
    }
}
