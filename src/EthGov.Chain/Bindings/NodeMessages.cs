using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum bindings for the node directory of EthGovRegistry (INodeDirectory).
namespace EthGov.Chain.Bindings;

[Function("requestSetNode", "uint256")]
public sealed class RequestSetNodeFunction : FunctionMessage
{
    [Parameter("string", "url", 1)] public string Url { get; set; } = "";
    [Parameter("bytes", "signingKey", 2)] public byte[] SigningKey { get; set; } = [];
    [Parameter("bytes", "encryptionKey", 3)] public byte[] EncryptionKey { get; set; } = [];
}

[Function("proposeClearNode", "uint256")]
public sealed class ProposeClearNodeFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("uint64", "deadline", 2)] public ulong Deadline { get; set; }
}

[Function("departmentNode", typeof(DepartmentNodeOutput))]
public sealed class DepartmentNodeFunction : FunctionMessage
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
}

[FunctionOutput]
public sealed class DepartmentNodeOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)] public DepartmentNodeTuple Node { get; set; } = new();
}

/// <summary>The contract's DepartmentNode struct: an empty <see cref="Url"/> means the department has no entry.</summary>
public sealed class DepartmentNodeTuple
{
    [Parameter("string", "url", 1)] public string Url { get; set; } = "";
    [Parameter("bytes", "signingKey", 2)] public byte[] SigningKey { get; set; } = [];
    [Parameter("bytes", "encryptionKey", 3)] public byte[] EncryptionKey { get; set; } = [];
    [Parameter("uint64", "updatedAt", 4)] public ulong UpdatedAt { get; set; }
}

[Event("DepartmentNodeChanged")]
public sealed class DepartmentNodeChangedEvent : IEventDTO
{
    [Parameter("uint32", "departmentId", 1, true)] public uint DepartmentId { get; set; }
    [Parameter("string", "url", 2, false)] public string Url { get; set; } = "";
    [Parameter("bytes", "signingKey", 3, false)] public byte[] SigningKey { get; set; } = [];
    [Parameter("bytes", "encryptionKey", 4, false)] public byte[] EncryptionKey { get; set; } = [];
}

[Event("DepartmentNodeCleared")]
public sealed class DepartmentNodeClearedEvent : IEventDTO
{
    [Parameter("uint32", "departmentId", 1, true)] public uint DepartmentId { get; set; }
}
