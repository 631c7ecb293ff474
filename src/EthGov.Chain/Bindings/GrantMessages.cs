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
}

[Function("grantAccessBySig", "uint256")]
public sealed class GrantAccessBySigFunction : FunctionMessage
{
    [Parameter("bytes32", "recordId", 1)] public byte[] RecordId { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 2)] public uint GranteeDepartment { get; set; }
    [Parameter("uint16", "purpose", 3)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 4)] public ulong ExpiresAt { get; set; }
    [Parameter("address", "subject", 5)] public string Subject { get; set; } = "";
    [Parameter("uint256", "deadline", 6)] public BigInteger Deadline { get; set; }
    [Parameter("bytes", "signature", 7)] public byte[] Signature { get; set; } = [];
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
    [Parameter("address", "subject", 3)] public string Subject { get; set; } = "";
    [Parameter("uint32", "granteeDepartment", 4)] public uint GranteeDepartment { get; set; }
    [Parameter("uint16", "purpose", 5)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 6)] public ulong ExpiresAt { get; set; }
    [Parameter("uint8", "basis", 7)] public byte Basis { get; set; }
    [Parameter("bool", "revoked", 8)] public bool Revoked { get; set; }
}

[Event("AccessGranted")]
public sealed class AccessGrantedEvent : IEventDTO
{
    [Parameter("uint256", "grantId", 1, true)] public BigInteger GrantId { get; set; }
    [Parameter("bytes32", "recordId", 2, true)] public byte[] RecordId { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 3, true)] public uint GranteeDepartment { get; set; }
    [Parameter("uint32", "grantorDepartment", 4, false)] public uint GrantorDepartment { get; set; }
    [Parameter("address", "subject", 5, false)] public string Subject { get; set; } = "";
    [Parameter("uint16", "purpose", 6, false)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 7, false)] public ulong ExpiresAt { get; set; }
    [Parameter("uint8", "basis", 8, false)] public byte Basis { get; set; }
    [Parameter("bytes32", "legalBasis", 9, false)] public byte[] LegalBasis { get; set; } = [];
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
