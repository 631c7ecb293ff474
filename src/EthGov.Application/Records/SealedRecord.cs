namespace EthGov.Application.Records;

/// <summary>
/// A record checked and encrypted by <see cref="RecordStore.Seal"/>, ready for <see cref="RecordStore.Insert"/>: its
/// <paramref name="Row"/>, or null with the reason it is <paramref name="Refused"/> (null when sealed).
/// </summary>
public sealed record SealedRecord(SealedRecordRow? Row, RecordPutOutcome? Refused);

/// <summary>
/// The columns of one <c>records</c> row: <paramref name="Record"/>'s metadata, its <paramref name="Content"/> and
/// <paramref name="Subject"/> sealed under the node's data key, the <paramref name="PersonKey"/> HMAC, and when it is due
/// for erasure.
/// </summary>
public sealed record SealedRecordRow(
    RecordContent Record, byte[] Digest, byte[] Content, byte[]? Subject, byte[]? PersonKey, DateTimeOffset? RetainUntil, DateTimeOffset CreatedAt);
