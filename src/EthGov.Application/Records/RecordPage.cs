namespace EthGov.Application.Records;

/// <summary>One page of a department's kept records, oldest first, without their content.</summary>
/// <param name="Records">The records on this page (<see cref="StoredRecord.Content"/> is null).</param>
/// <param name="Next">The cursor for the next page, or null on the last one.</param>
public sealed record RecordPage(IReadOnlyList<StoredRecord> Records, long? Next);
