using EthGov.Core.Digests;

namespace EthGov.Core.Verification;

/// <summary>
/// The anchoring transaction as someone states it: a receipt, or the record this service kept of a transaction it sent.
/// Nothing here is a fact until the chain confirms it (<see cref="AnchoringTransaction"/>).
/// </summary>
/// <param name="Hash">The transaction's hash.</param>
/// <param name="BlockNumber">The block said to hold it.</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="Registry">The registry it is said to have been sent to.</param>
public sealed record StatedTransaction(Digest Hash, ulong BlockNumber, Digest BlockHash, string Registry);
