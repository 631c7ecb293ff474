namespace EthGov.Core.Receipts;

/// <summary>
/// One problem <see cref="ReceiptReader"/> found: a code, the JSON path it concerns, what was found there and the values
/// the sentence needs. <see cref="ToString"/> is the English sentence the CLI and the logs print.
/// </summary>
public sealed class ReceiptError
{
    internal ReceiptError(ReceiptFault fault, string path, ReceiptValue? found = null, params string[] values)
    {
        Fault = fault;
        Path = path;
        Found = found;
        Values = values;
    }

    /// <summary>What is wrong.</summary>
    public ReceiptFault Fault { get; }

    /// <summary>The JSON path, for example <c>receipt.batch.proof[3]</c>.</summary>
    public string Path { get; }

    /// <summary>What the receipt holds there, for the faults that say so.</summary>
    public ReceiptValue? Found { get; }

    /// <summary>The fault's values, in the order <see cref="ReceiptFault"/> lists them.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The English sentence, prefixed with the path.</summary>
    public override string ToString() => Fault switch
    {
        ReceiptFault.EmptyDocument => $"{Path}: empty document",
        ReceiptFault.NotJson => $"{Path}: not valid JSON (line {Values[0]}, byte {Values[1]})",
        ReceiptFault.NotAnObject => $"{Path}: expected a JSON object, got {Found}",
        ReceiptFault.UnsupportedVersion => $"unsupported receipt version {Values[0]}",
        ReceiptFault.MissingProperty => $"{Path}: missing property '{Values[0]}'",
        ReceiptFault.ObjectExpected => $"{Path}: expected an object, got {Found}",
        ReceiptFault.ArrayExpected => $"{Path}: expected an array, got {Found}",
        ReceiptFault.ProofTooLong => $"{Path}: {Values[0]} elements; a proof has at most {Values[1]}",
        ReceiptFault.UnknownProperty => $"{Path}: unknown property",
        ReceiptFault.IntegerExpected => $"{Path}: expected an integer from {Values[0]} to {Values[1]}, got {Found}",
        ReceiptFault.TextExpected => $"{Path}: expected a non-empty string, got {Found}",
        ReceiptFault.DigestExpected => $"{Path}: expected 0x + 64 hex digits, got {Found}",
        ReceiptFault.DigestInvalid => $"{Path}: expected 0x + 64 hex digits ({Values[0]})",
        ReceiptFault.AddressExpected => $"{Path}: expected 0x + 40 hex digits, got {Found}",
        ReceiptFault.DateTimeExpected => $"{Path}: expected an RFC 3339 date-time with offset, got {Found}",
        ReceiptFault.ValidUntilNotAfterAnchoring => $"{Path}: must be later than anchoredAt",
        ReceiptFault.ProofLengthMismatch => $"{Path}: {Values[0]} elements cannot prove a document in a batch of {Values[1]} "
            + $"(expected {(Values[2] == Values[3] ? Values[2] : $"{Values[2]} to {Values[3]}")})",
        _ => $"{Path}: does not lead from the digest to the batch root (it leads to {Values[0]})",
    };

    // Problems are shown to people; a pasted megabyte must not come back in them.
    internal static string Shorten(string text, int max = 80) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 3), "...");
}
