namespace EthGov.Chain.Transactions;

/// <summary>A mined and confirmed transaction: where it landed and what it cost.</summary>
public sealed record TransactionOutcome(
    string TransactionHash,
    ulong BlockNumber,
    string BlockHash,
    DateTimeOffset BlockTime,
    ulong GasUsed);
