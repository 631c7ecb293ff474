namespace EthGov.Core.Exchange;

/// <summary>The holder's signed answer 200 to <see cref="ReleaseReceipts"/>: one answer per receipt, in the same order.</summary>
/// <param name="Holder">The holder department that answers (and signs).</param>
/// <param name="Answers">One per receipt.</param>
public sealed record ReceiptAnswers(uint Holder, IReadOnlyList<ReceiptAnswer> Answers);
