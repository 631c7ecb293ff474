using EthGov.Chain.Transactions;

namespace EthGov.Chain.Events;

/// <summary>A department's anchoring of a batch root or digest as the chain holds it.</summary>
/// <param name="Outcome">The anchoring transaction and its block.</param>
/// <param name="ValidUntil">The validity the chain recorded (Unix seconds, 0 for none), which may differ from the batch's request.</param>
public readonly record struct AnchoringFound(TransactionOutcome Outcome, ulong ValidUntil);
