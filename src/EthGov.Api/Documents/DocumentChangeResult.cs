using EthGov.Chain.Transactions;

namespace EthGov.Api.Documents;

/// <summary>A revocation or supersession: confirmed by the transaction <see cref="Outcome"/>, or not made, for <see cref="Failure"/>.</summary>
/// <param name="Outcome">The confirmed transaction, when the change was made.</param>
/// <param name="Failure">Why it was not, otherwise.</param>
public sealed record DocumentChangeResult(TransactionOutcome? Outcome, DocumentChangeFailure? Failure)
{
    /// <summary>The change was confirmed by <paramref name="outcome"/>.</summary>
    public static DocumentChangeResult Made(TransactionOutcome outcome) => new(outcome, null);

    /// <summary>The change was not made.</summary>
    public static DocumentChangeResult Refused(DocumentChangeFailure failure) => new(null, failure);
}
