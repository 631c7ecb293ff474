using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// The few views of registry 1.x (1.0.0 and 1.1.0) that EthGov still reads, to verify documents anchored there before
// the cut-over (test/fixtures/EthGovRegistry-1.1.0.json holds the full 1.x ABI; a test checks these against it).
// department(uint32), departmentCount(), threshold() and version() are the same in 1.x and 2.0: EthGov.Chain.Bindings' bindings serve both.
namespace EthGov.Chain.Legacy;

[Function("check", typeof(V1DocumentViewOutput))]
public sealed class V1CheckFunction : FunctionMessage
{
    [Parameter("bytes32", "digest", 1)] public byte[] Digest { get; set; } = [];
}

[Function("checkInBatch", typeof(V1DocumentViewOutput))]
public sealed class V1CheckInBatchFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
    [Parameter("bytes32", "digest", 2)] public byte[] Digest { get; set; } = [];
    [Parameter("bytes32[]", "proof", 3)] public List<byte[]> Proof { get; set; } = [];
}

[FunctionOutput]
public sealed class V1DocumentViewOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "view_", 1)] public V1DocumentView View { get; set; } = new();
}

/// <summary>Registry 1.x's DocumentView: statuses Unknown, Valid, Expired, Revoked, Superseded; no key.</summary>
public sealed class V1DocumentView
{
    [Parameter("uint8", "status", 1)] public byte Status { get; set; }
    [Parameter("uint32", "departmentId", 2)] public uint DepartmentId { get; set; }
    [Parameter("uint8", "departmentStatus", 3)] public byte DepartmentStatus { get; set; }
    [Parameter("uint64", "anchoredAt", 4)] public ulong AnchoredAt { get; set; }
    [Parameter("uint64", "anchoredBlock", 5)] public ulong AnchoredBlock { get; set; }
    [Parameter("uint64", "validUntil", 6)] public ulong ValidUntil { get; set; }
    [Parameter("uint16", "revocationReason", 7)] public ushort RevocationReason { get; set; }
    [Parameter("bytes32", "successor", 8)] public byte[] Successor { get; set; } = [];
}
