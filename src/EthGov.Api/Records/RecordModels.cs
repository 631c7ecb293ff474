using System.Text.Json;
using EthGov.Api.Documents;
using EthGov.Core.Digests;

namespace EthGov.Api.Records;

/// <summary>Asks the node to issue a JSON record: salted, kept encrypted, and anchored by its digest.</summary>
/// <param name="Kind">The record's kind, <c>[a-z0-9-]{1,40}</c>.</param>
/// <param name="Subject">The address of the person it concerns (bound by a salted commitment, never on chain), or absent.</param>
/// <param name="Person">An identifier of that person, to find the record by in kind queries (kept only as an HMAC), or absent.</param>
/// <param name="Data">The record's data: a JSON object.</param>
/// <param name="ValidUntil">End of validity of the anchor; absent for no expiry.</param>
public sealed record CreateRecordRequest(string? Kind, string? Subject, string? Person, JsonElement? Data, DateTimeOffset? ValidUntil);

/// <summary>A record issued and kept, its anchor queued or confirmed.</summary>
/// <param name="Digest">SHA-256 of the record's canonical bytes: its id, anchored on chain.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Salt">The record's random salt, 0x-hex.</param>
/// <param name="Subject">The subject commitment, or null.</param>
/// <param name="RecordUrl">Where the department reads the record back.</param>
/// <param name="ReceiptUrl">Where its receipt is once anchored.</param>
/// <param name="Anchor">The anchor's status.</param>
public sealed record RecordCreatedResponse(Digest Digest, string Kind, string Salt, string? Subject, string RecordUrl, string ReceiptUrl, DocumentStatusResponse Anchor);

/// <summary>An erasure done: the content is gone, the anchor and a tombstone stay.</summary>
/// <param name="Digest">The record.</param>
/// <param name="ErasedAt">When its content was erased (the first erasure's time when asked again).</param>
public sealed record RecordErasedResponse(Digest Digest, DateTimeOffset ErasedAt);
