using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace EthGov.Testing;

/// <summary>
/// The registry's EIP-712 <c>Consent</c> struct, which a record's subject signs for <c>grantAccessBySig</c>. EthGov only
/// relays such signatures; the tests sign them as a subject's own client would. A test finds its type hash in the
/// registry's code.
/// </summary>
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
