using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// The registry's own status derivation, which the tests compare with EthGov.Core's DocumentStatusRule applied to the
// raw records. EthGov itself never calls these views: verifiers read records and check proofs in C#.
namespace EthGov.Chain.Tests.Registry;

[Function("check", typeof(DocumentViewOutput))]
public sealed class CheckFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("bytes32", "digest", 2)] public byte[] Digest { get; set; } = [];
}

[Function("checkInBatch", typeof(DocumentViewOutput))]
public sealed class CheckInBatchFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("bytes32", "root", 2)] public byte[] Root { get; set; } = [];
    [Parameter("bytes32", "digest", 3)] public byte[] Digest { get; set; } = [];
    [Parameter("bytes32[]", "proof", 4)] public List<byte[]> Proof { get; set; } = [];
}

[FunctionOutput]
public sealed class DocumentViewOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "view_", 1)] public DocumentViewTuple View { get; set; } = new();
}

/// <summary>The contract's DocumentView struct: the status the registry derives itself.</summary>
public sealed class DocumentViewTuple
{
    [Parameter("uint8", "status", 1)] public byte Status { get; set; }
    [Parameter("uint32", "departmentId", 2)] public uint DepartmentId { get; set; }
    [Parameter("uint8", "departmentStatus", 3)] public byte DepartmentStatus { get; set; }
    [Parameter("uint64", "anchoredAt", 4)] public ulong AnchoredAt { get; set; }
    [Parameter("uint64", "anchoredBlock", 5)] public ulong AnchoredBlock { get; set; }
    [Parameter("uint64", "validUntil", 6)] public ulong ValidUntil { get; set; }
    [Parameter("uint16", "revocationReason", 7)] public ushort RevocationReason { get; set; }
    [Parameter("bytes32", "successor", 8)] public byte[] Successor { get; set; } = [];
    [Parameter("uint16", "keyId", 9)] public ushort KeyId { get; set; }
    [Parameter("uint64", "keyCompromisedSince", 10)] public ulong KeyCompromisedSince { get; set; }
}

