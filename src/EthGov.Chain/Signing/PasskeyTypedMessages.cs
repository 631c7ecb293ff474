using Nethereum.ABI.FunctionEncoding.Attributes;

// EIP-712 structs a citizen's passkey signs as its WebAuthn challenge (registry 2.3.0). Names and field order are part
// of the digest and must equal the contract's type strings (docs/contracts.md); a test finds each one's type hash in the
// passkey extension's code.
namespace EthGov.Chain.Signing;

/// <summary>The EIP-712 message a passkey signs (as its WebAuthn challenge) to consent to a grant.</summary>
[Struct("PasskeyConsent")]
public sealed class PasskeyConsentTyped
{
    [Parameter("bytes32", "recordId", 1)] public byte[] RecordId { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 2)] public uint GranteeDepartment { get; set; }
    [Parameter("uint16", "purpose", 3)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 4)] public ulong ExpiresAt { get; set; }
    [Parameter("uint8", "use", 5)] public byte Use { get; set; }
    [Parameter("uint16", "retentionDays", 6)] public ushort RetentionDays { get; set; }
    [Parameter("uint16", "maxFetches", 7)] public ushort MaxFetches { get; set; }
    [Parameter("uint8", "revocableBy", 8)] public byte RevocableBy { get; set; }
    [Parameter("bytes32", "passkeyId", 9)] public byte[] PasskeyId { get; set; } = [];
    [Parameter("uint256", "nonce", 10)] public System.Numerics.BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 11)] public System.Numerics.BigInteger Deadline { get; set; }
}

/// <summary>The EIP-712 message a passkey signs (as its WebAuthn challenge) to revoke its consent.</summary>
[Struct("PasskeyRevocation")]
public sealed class PasskeyRevocationTyped
{
    [Parameter("uint256", "grantId", 1)] public System.Numerics.BigInteger GrantId { get; set; }
    [Parameter("bytes32", "passkeyId", 2)] public byte[] PasskeyId { get; set; } = [];
    [Parameter("uint256", "nonce", 3)] public System.Numerics.BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 4)] public System.Numerics.BigInteger Deadline { get; set; }
}
