using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum bindings for the access-grant functions of EthGovRegistry (docs/contracts.md).
namespace EthGov.Chain.Bindings;

[Function("grantAccess", "uint256")]
public sealed class GrantAccessFunction : FunctionMessage
{
    [Parameter("bytes32", "recordId", 1)] public byte[] RecordId { get; set; } = [];
    [Parameter("bytes32", "root", 2)] public byte[] Root { get; set; } = new byte[32];
    [Parameter("bytes32[]", "proof", 3)] public List<byte[]> Proof { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 4)] public uint GranteeDepartment { get; set; }
    [Parameter("uint16", "purpose", 5)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 6)] public ulong ExpiresAt { get; set; }
    [Parameter("bytes32", "legalBasis", 7)] public byte[] LegalBasis { get; set; } = [];
    [Parameter("tuple", "terms", 8)] public GrantTermsTuple Terms { get; set; } = new();
}

[Function("grantKindAccess", "uint256")]
public sealed class GrantKindAccessFunction : FunctionMessage
{
    [Parameter("bytes32", "kind", 1)] public byte[] Kind { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 2)] public uint GranteeDepartment { get; set; }
    [Parameter("uint16", "purpose", 3)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 4)] public ulong ExpiresAt { get; set; }
    [Parameter("bytes32", "legalBasis", 5)] public byte[] LegalBasis { get; set; } = [];
    [Parameter("tuple", "terms", 6)] public GrantTermsTuple Terms { get; set; } = new();
}

/// <summary>The contract's GrantTerms struct.</summary>
public sealed class GrantTermsTuple
{
    [Parameter("uint8", "use", 1)] public byte Use { get; set; }
    [Parameter("uint16", "retentionDays", 2)] public ushort RetentionDays { get; set; }
    [Parameter("uint16", "maxFetches", 3)] public ushort MaxFetches { get; set; }
    [Parameter("uint8", "revocableBy", 4)] public byte RevocableBy { get; set; }
}

[Function("revokeGrant")]
public sealed class RevokeGrantFunction : FunctionMessage
{
    [Parameter("uint256", "grantId", 1)] public BigInteger GrantId { get; set; }
}

[Function("proposeRevokeGrants", "uint256")]
public sealed class ProposeRevokeGrantsFunction : FunctionMessage
{
    [Parameter("uint256[]", "grantIds", 1)] public List<BigInteger> GrantIds { get; set; } = [];
    [Parameter("uint64", "deadline", 2)] public ulong Deadline { get; set; }
}

[Function("logAccess")]
public sealed class LogAccessFunction : FunctionMessage
{
    [Parameter("uint256", "grantId", 1)] public BigInteger GrantId { get; set; }
}

[Function("logAccessBatch")]
public sealed class LogAccessBatchFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
    [Parameter("uint32", "entries", 2)] public uint Entries { get; set; }
}

[Function("accessBatch", typeof(AccessBatchOutput))]
public sealed class AccessBatchFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
}

[FunctionOutput]
public sealed class AccessBatchOutput : IFunctionOutputDTO
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("uint64", "blockNumber", 2)] public ulong BlockNumber { get; set; }
    [Parameter("uint32", "entries", 3)] public uint Entries { get; set; }
}

[Function("grant", typeof(GrantOutput))]
public sealed class GrantFunction : FunctionMessage
{
    [Parameter("uint256", "grantId", 1)] public BigInteger GrantId { get; set; }
}

[Function("isGrantValid", "bool")]
public sealed class IsGrantValidFunction : FunctionMessage
{
    [Parameter("uint256", "grantId", 1)] public BigInteger GrantId { get; set; }
}

[Function("grantCount", "uint256")]
public sealed class GrantCountFunction : FunctionMessage;

[FunctionOutput]
public sealed class GrantOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)] public GrantTuple Grant { get; set; } = new();
}

/// <summary>The contract's Grant struct.</summary>
public sealed class GrantTuple
{
    [Parameter("bytes32", "recordId", 1)] public byte[] RecordId { get; set; } = [];
    [Parameter("uint32", "grantorDepartment", 2)] public uint GrantorDepartment { get; set; }
    [Parameter("bytes32", "subject", 3)] public byte[] Subject { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 4)] public uint GranteeDepartment { get; set; }
    [Parameter("uint16", "purpose", 5)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 6)] public ulong ExpiresAt { get; set; }
    [Parameter("uint8", "basis", 7)] public byte Basis { get; set; }
    [Parameter("bool", "revoked", 8)] public bool Revoked { get; set; }
    [Parameter("tuple", "terms", 9)] public GrantTermsTuple Terms { get; set; } = new();
}

[Event("AccessGranted")]
public sealed class AccessGrantedEvent : IEventDTO
{
    [Parameter("uint256", "grantId", 1, true)] public BigInteger GrantId { get; set; }
    [Parameter("bytes32", "recordId", 2, true)] public byte[] RecordId { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 3, true)] public uint GranteeDepartment { get; set; }
    [Parameter("uint32", "grantorDepartment", 4, false)] public uint GrantorDepartment { get; set; }
    [Parameter("bytes32", "subject", 5, false)] public byte[] Subject { get; set; } = [];
    [Parameter("uint16", "purpose", 6, false)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 7, false)] public ulong ExpiresAt { get; set; }
    [Parameter("uint8", "basis", 8, false)] public byte Basis { get; set; }
    [Parameter("bytes32", "legalBasis", 9, false)] public byte[] LegalBasis { get; set; } = [];
    [Parameter("tuple", "terms", 10, false)] public GrantTermsTuple Terms { get; set; } = new();
}

[Event("GrantRevoked")]
public sealed class GrantRevokedEvent : IEventDTO
{
    [Parameter("uint256", "grantId", 1, true)] public BigInteger GrantId { get; set; }
    [Parameter("bytes32", "recordId", 2, true)] public byte[] RecordId { get; set; } = [];
    [Parameter("address", "revokedBy", 3, false)] public string RevokedBy { get; set; } = "";
}

[Event("AccessLogged")]
public sealed class AccessLoggedEvent : IEventDTO
{
    [Parameter("uint256", "grantId", 1, true)] public BigInteger GrantId { get; set; }
    [Parameter("bytes32", "recordId", 2, true)] public byte[] RecordId { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 3, true)] public uint GranteeDepartment { get; set; }
}

[Event("AccessBatchLogged")]
public sealed class AccessBatchLoggedEvent : IEventDTO
{
    [Parameter("bytes32", "root", 1, true)] public byte[] Root { get; set; } = [];
    [Parameter("uint32", "departmentId", 2, true)] public uint DepartmentId { get; set; }
    [Parameter("uint32", "entries", 3, false)] public uint Entries { get; set; }
}
