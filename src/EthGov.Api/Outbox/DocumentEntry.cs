using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// One accepted document as the API holds it in memory: which department sent it, when, until when it is valid,
/// and which batch carries it. A copy taken from the <see cref="DocumentIndex"/>; the row in SQLite is the durable one.
/// </summary>
/// <param name="Digest">The document's SHA-256 digest.</param>
/// <param name="DepartmentId">The department that asked for the anchor.</param>
/// <param name="ValidUntil">End of validity as Unix seconds; 0 means none.</param>
/// <param name="AcceptedAt">When the API accepted it.</param>
/// <param name="BatchId">The batch that carries the document, 0 while none does.</param>
public readonly record struct DocumentEntry(Digest Digest, uint DepartmentId, ulong ValidUntil, DateTimeOffset AcceptedAt, long BatchId);
