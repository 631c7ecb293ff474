using System.Numerics;
using EthGov.Chain.Registry;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace EthGov.Testing;

/// <summary>
/// The registry's EIP-712 <c>Consent</c> struct, which a record's subject signs for <c>grantAccessBySig</c>. EthGov only
/// relays such signatures; the tests sign them as a subject's own client would. The terms are signed with the rest; unless a test sets them, they are
/// <see cref="GrantTerms.Default"/>, the terms the API and the CLI give a grant when their caller gives none. A test finds its type hash in the
/// registry's code.
/// </summary>
[Struct("Consent")]
public sealed class ConsentTyped
{
    [Parameter("bytes32", "recordId", 1)] public byte[] RecordId { get; set; } = [];
    [Parameter("uint32", "granteeDepartment", 2)] public uint GranteeDepartment { get; set; }
    [Parameter("uint16", "purpose", 3)] public ushort Purpose { get; set; }
    [Parameter("uint64", "expiresAt", 4)] public ulong ExpiresAt { get; set; }
    [Parameter("uint8", "use", 5)] public byte Use { get; set; } = (byte)GrantTerms.Default.Use;
    [Parameter("uint16", "retentionDays", 6)] public ushort RetentionDays { get; set; } = GrantTerms.Default.RetentionDays;
    [Parameter("uint16", "maxFetches", 7)] public ushort MaxFetches { get; set; } = GrantTerms.Default.MaxFetches;
    [Parameter("uint8", "revocableBy", 8)] public byte RevocableBy { get; set; } = (byte)GrantTerms.Default.RevocableBy;
    [Parameter("uint256", "nonce", 9)] public BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 10)] public BigInteger Deadline { get; set; }
}
