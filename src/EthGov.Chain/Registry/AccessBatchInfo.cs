namespace EthGov.Chain.Registry;

/// <summary>A batch of accesses a grantee department logged on chain as one Merkle root (<c>logAccessBatch</c>).</summary>
/// <param name="Department">The department that logged it.</param>
/// <param name="BlockNumber">The block that holds the log.</param>
/// <param name="Entries">How many access entries the tree holds.</param>
public sealed record AccessBatchInfo(uint Department, ulong BlockNumber, uint Entries);
