using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>A document row read back from the outbox table: what the <see cref="DocumentIndex"/> keeps of it.</summary>
public readonly record struct CommittedDocument(Digest Digest, uint DepartmentId, ulong ValidUntil, long AcceptedAtMs);
