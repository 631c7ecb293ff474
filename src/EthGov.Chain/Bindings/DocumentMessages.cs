using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum bindings for the document functions of EthGovRegistry (docs/contracts.md).
// They are checked against the compiled ABI by a test, so a drift fails the build's tests.
namespace EthGov.Chain.Bindings;

[Function("anchor")]
public sealed class AnchorFunction : FunctionMessage
{
    [Parameter("bytes32", "digest", 1)] public byte[] Digest { get; set; } = [];
    [Parameter("uint64", "validUntil", 2)] public ulong ValidUntil { get; set; }
}

[Function("anchorBatch")]
public sealed class AnchorBatchFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
    [Parameter("uint32", "documentCount", 2)] public uint DocumentCount { get; set; }
    [Parameter("uint64", "validUntil", 3)] public ulong ValidUntil { get; set; }
}

[Function("revoke")]
public sealed class RevokeFunction : FunctionMessage
{
    [Parameter("bytes32", "digest", 1)] public byte[] Digest { get; set; } = [];
    [Parameter("uint16", "reason", 2)] public ushort Reason { get; set; }
}

[Function("revokeInBatch")]
public sealed class RevokeInBatchFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
    [Parameter("bytes32", "digest", 2)] public byte[] Digest { get; set; } = [];
    [Parameter("bytes32[]", "proof", 3)] public List<byte[]> Proof { get; set; } = [];
    [Parameter("uint16", "reason", 4)] public ushort Reason { get; set; }
}

[Function("supersede")]
public sealed class SupersedeFunction : FunctionMessage
{
    [Parameter("bytes32", "oldDigest", 1)] public byte[] OldDigest { get; set; } = [];
    [Parameter("bytes32", "newDigest", 2)] public byte[] NewDigest { get; set; } = [];
    [Parameter("uint64", "newValidUntil", 3)] public ulong NewValidUntil { get; set; }
}

[Function("supersedeInBatch")]
public sealed class SupersedeInBatchFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
    [Parameter("bytes32", "oldDigest", 2)] public byte[] OldDigest { get; set; } = [];
    [Parameter("bytes32[]", "proof", 3)] public List<byte[]> Proof { get; set; } = [];
    [Parameter("bytes32", "newDigest", 4)] public byte[] NewDigest { get; set; } = [];
    [Parameter("uint64", "newValidUntil", 5)] public ulong NewValidUntil { get; set; }
}

[Function("records", typeof(RecordsOutput))]
public sealed class RecordsFunction : FunctionMessage
{
    [Parameter("tuple[]", "queries", 1)] public List<RecordQueryTuple> Queries { get; set; } = [];
}

/// <summary>The contract's RecordQuery struct: <see cref="Root"/> all zero asks for the department's single anchor.</summary>
public sealed class RecordQueryTuple
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("bytes32", "root", 2)] public byte[] Root { get; set; } = [];
    [Parameter("bytes32", "digest", 3)] public byte[] Digest { get; set; } = [];
}

[FunctionOutput]
public sealed class RecordsOutput : IFunctionOutputDTO
{
    [Parameter("tuple[]", "views", 1)] public List<RecordViewTuple> Views { get; set; } = [];
}

/// <summary>
/// The contract's RecordView struct: stored facts only, no status and no batch membership (see IDocumentRegistry's
/// NatSpec of <c>records</c>).
/// </summary>
public sealed class RecordViewTuple
{
    [Parameter("bool", "anchored", 1)] public bool Anchored { get; set; }
    [Parameter("uint64", "anchoredAt", 2)] public ulong AnchoredAt { get; set; }
    [Parameter("uint64", "anchoredBlock", 3)] public ulong AnchoredBlock { get; set; }
    [Parameter("uint64", "validUntil", 4)] public ulong ValidUntil { get; set; }
    [Parameter("uint32", "documentCount", 5)] public uint DocumentCount { get; set; }
    [Parameter("uint16", "keyId", 6)] public ushort KeyId { get; set; }
    [Parameter("uint64", "keyCompromisedSince", 7)] public ulong KeyCompromisedSince { get; set; }
    [Parameter("bool", "revoked", 8)] public bool Revoked { get; set; }
    [Parameter("bool", "superseded", 9)] public bool Superseded { get; set; }
    [Parameter("uint16", "revocationReason", 10)] public ushort RevocationReason { get; set; }
    [Parameter("bytes32", "successor", 11)] public byte[] Successor { get; set; } = [];
    [Parameter("uint8", "departmentStatus", 12)] public byte DepartmentStatus { get; set; }
}

[Function("nonces", "uint256")]
public sealed class NoncesFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)] public string Owner { get; set; } = "";
}

[Function("version", "string")]
public sealed class VersionFunction : FunctionMessage;

[Event("DocumentAnchored")]
public sealed class DocumentAnchoredEvent : IEventDTO
{
    [Parameter("bytes32", "digest", 1, true)] public byte[] Digest { get; set; } = [];
    [Parameter("uint32", "departmentId", 2, true)] public uint DepartmentId { get; set; }
    [Parameter("uint64", "validUntil", 3, false)] public ulong ValidUntil { get; set; }
}

[Event("BatchAnchored")]
public sealed class BatchAnchoredEvent : IEventDTO
{
    [Parameter("bytes32", "root", 1, true)] public byte[] Root { get; set; } = [];
    [Parameter("uint32", "departmentId", 2, true)] public uint DepartmentId { get; set; }
    [Parameter("uint32", "documentCount", 3, false)] public uint DocumentCount { get; set; }
    [Parameter("uint64", "validUntil", 4, false)] public ulong ValidUntil { get; set; }
}

[Event("DocumentRevoked")]
public sealed class DocumentRevokedEvent : IEventDTO
{
    [Parameter("bytes32", "digest", 1, true)] public byte[] Digest { get; set; } = [];
    [Parameter("uint32", "departmentId", 2, true)] public uint DepartmentId { get; set; }
    [Parameter("bytes32", "root", 3, true)] public byte[] Root { get; set; } = [];
    [Parameter("uint16", "reason", 4, false)] public ushort Reason { get; set; }
}

[Event("DocumentSuperseded")]
public sealed class DocumentSupersededEvent : IEventDTO
{
    [Parameter("bytes32", "oldDigest", 1, true)] public byte[] OldDigest { get; set; } = [];
    [Parameter("bytes32", "newDigest", 2, true)] public byte[] NewDigest { get; set; } = [];
    [Parameter("uint32", "departmentId", 3, true)] public uint DepartmentId { get; set; }
}
