using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum bindings for the passkey functions of EthGovRegistry (registry 2.3.0, docs/contracts.md).
namespace EthGov.Chain.Bindings;

/// <summary>A citizen's consent given with a passkey: the grant, the WebAuthn assertion over its digest, the deadline.</summary>
[Function("grantAccessByPasskey", "uint256")]
public sealed class GrantAccessByPasskeyFunction : FunctionMessage
{
    [Parameter("bytes32", "recordId", 1)] public byte[] RecordId { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 2)] public uint GranteeDepartment { get; set; }
    [Parameter("uint16", "purpose", 3)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 4)] public ulong ExpiresAt { get; set; }
    [Parameter("tuple", "terms", 5)] public GrantTermsTuple Terms { get; set; } = new();
    [Parameter("tuple", "assertion", 6)] public PasskeyAssertionTuple Assertion { get; set; } = new();
    [Parameter("uint256", "deadline", 7)] public System.Numerics.BigInteger Deadline { get; set; }
}

/// <summary>The revocation of a passkey consent by the passkey that gave it.</summary>
[Function("revokeGrantByPasskey")]
public sealed class RevokeGrantByPasskeyFunction : FunctionMessage
{
    [Parameter("uint256", "grantId", 1)] public System.Numerics.BigInteger GrantId { get; set; }
    [Parameter("tuple", "assertion", 2)] public PasskeyAssertionTuple Assertion { get; set; } = new();
    [Parameter("uint256", "deadline", 3)] public System.Numerics.BigInteger Deadline { get; set; }
}

/// <summary>
/// A WebAuthn assertion as the registry takes it: the passkey's public key (x, y), the signature's halves (r, s), the
/// authenticator data and the client data JSON exactly as the browser returned them.
/// </summary>
public sealed class PasskeyAssertionTuple
{
    [Parameter("bytes32", "x", 1)] public byte[] X { get; set; } = [];
    [Parameter("bytes32", "y", 2)] public byte[] Y { get; set; } = [];
    [Parameter("bytes32", "r", 3)] public byte[] R { get; set; } = [];
    [Parameter("bytes32", "s", 4)] public byte[] S { get; set; } = [];
    [Parameter("bytes", "authenticatorData", 5)] public byte[] AuthenticatorData { get; set; } = [];
    [Parameter("string", "clientDataJSON", 6)] public string ClientDataJson { get; set; } = "";
}

[Function("passkeyNonce", "uint256")]
public sealed class PasskeyNonceFunction : FunctionMessage
{
    [Parameter("bytes32", "passkeyId", 1)] public byte[] PasskeyId { get; set; } = [];
}

[Function("grantPasskey", "bytes32")]
public sealed class GrantPasskeyFunction : FunctionMessage
{
    [Parameter("uint256", "grantId", 1)] public System.Numerics.BigInteger GrantId { get; set; }
}

[Function("passkeyExtension", "address")]
public sealed class PasskeyExtensionFunction : FunctionMessage;

[Event("PasskeyConsentGranted")]
public sealed class PasskeyConsentGrantedEvent : IEventDTO
{
    [Parameter("uint256", "grantId", 1, true)] public System.Numerics.BigInteger GrantId { get; set; }
    [Parameter("bytes32", "passkeyId", 2, true)] public byte[] PasskeyId { get; set; } = [];
}

[Event("PasskeyConsentRevoked")]
public sealed class PasskeyConsentRevokedEvent : IEventDTO
{
    [Parameter("uint256", "grantId", 1, true)] public System.Numerics.BigInteger GrantId { get; set; }
    [Parameter("bytes32", "recordId", 2, true)] public byte[] RecordId { get; set; } = [];
    [Parameter("bytes32", "passkeyId", 3, true)] public byte[] PasskeyId { get; set; } = [];
}
