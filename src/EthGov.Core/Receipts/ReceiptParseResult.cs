using System.Diagnostics.CodeAnalysis;

namespace EthGov.Core.Receipts;

/// <summary>The outcome of reading a receipt: the receipt, or every problem found in it.</summary>
public sealed class ReceiptParseResult
{
    private ReceiptParseResult(Receipt? receipt, IReadOnlyList<ReceiptError> faults, bool errorsTruncated)
    {
        Receipt = receipt;
        Faults = faults;
        Errors = [.. faults.Select(f => f.ToString())];
        ErrorsTruncated = errorsTruncated;
    }

    /// <summary>The receipt when it is valid; otherwise null.</summary>
    public Receipt? Receipt { get; }

    /// <summary>
    /// Problems found, each prefixed with the JSON path it concerns
    /// (for example <c>receipt.batch.proof[3]: expected 0x + 64 hex digits (...)</c>); empty when valid.
    /// </summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The same problems as <see cref="Errors"/>, each as its code, path and values, for a reader that words them itself.</summary>
    public IReadOnlyList<ReceiptError> Faults { get; }

    /// <summary>
    /// True when the reader stopped after <see cref="ReceiptReader.MaxErrors"/> problems: the receipt holds more
    /// than <see cref="Errors"/> lists.
    /// </summary>
    public bool ErrorsTruncated { get; }

    /// <summary>True when the receipt is well formed and internally consistent.</summary>
    [MemberNotNullWhen(true, nameof(Receipt))]
    public bool IsValid => Receipt is not null;

    internal static ReceiptParseResult Success(Receipt receipt) => new(receipt, [], false);

    internal static ReceiptParseResult Failure(IReadOnlyList<ReceiptError> errors, bool truncated) => new(null, errors, truncated);
}
