using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

// The EIP-712 structs the registry accepts from delegated (gasless) submissions; names and field
// order are part of the signature and must equal the contract's type strings (docs/contracts.md).
namespace EthGov.Chain.Signing;

[Struct("Anchor")]
public sealed class AnchorTyped
{
    [Parameter("bytes32", "digest", 1)] public byte[] Digest { get; set; } = [];
    [Parameter("uint64", "validUntil", 2)] public ulong ValidUntil { get; set; }
    [Parameter("uint256", "nonce", 3)] public BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 4)] public BigInteger Deadline { get; set; }
}

[Struct("AnchorBatch")]
public sealed class AnchorBatchTyped
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
    [Parameter("uint32", "documentCount", 2)] public uint DocumentCount { get; set; }
    [Parameter("uint64", "validUntil", 3)] public ulong ValidUntil { get; set; }
    [Parameter("uint256", "nonce", 4)] public BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 5)] public BigInteger Deadline { get; set; }
}

[Struct("Revoke")]
public sealed class RevokeTyped
{
    [Parameter("bytes32", "digest", 1)] public byte[] Digest { get; set; } = [];
    [Parameter("uint16", "reason", 2)] public ushort Reason { get; set; }
    [Parameter("uint256", "nonce", 3)] public BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 4)] public BigInteger Deadline { get; set; }
}

[Struct("Consent")]
public sealed class ConsentTyped
{
    [Parameter("bytes32", "recordId", 1)] public byte[] RecordId { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 2)] public uint GranteeDepartment { get; set; }
    [Parameter("uint16", "purpose", 3)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 4)] public ulong ExpiresAt { get; set; }
    [Parameter("uint256", "nonce", 5)] public BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 6)] public BigInteger Deadline { get; set; }
}

[Struct("RevokeConsent")]
public sealed class RevokeConsentTyped
{
    [Parameter("uint256", "grantId", 1)] public BigInteger GrantId { get; set; }
    [Parameter("uint256", "nonce", 2)] public BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 3)] public BigInteger Deadline { get; set; }
}

[Struct("SignerConsent")]
public sealed class SignerConsentTyped
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("uint256", "nonce", 2)] public BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 3)] public BigInteger Deadline { get; set; }
}
