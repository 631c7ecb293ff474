using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

// EIP-712 structs of the registry that EthGov signs: a new key's consent to join a department (SignerConsent), and the
// delegated anchor whose signing cost the benchmarks measure. Names and field order are part of the signature and must
// equal the contract's type strings (docs/contracts.md); a test finds each one's type hash in the registry's code.
namespace EthGov.Chain.Signing;

[Struct("Anchor")]
public sealed class AnchorTyped
{
    [Parameter("bytes32", "digest", 1)] public byte[] Digest { get; set; } = [];
    [Parameter("uint64", "validUntil", 2)] public ulong ValidUntil { get; set; }
    [Parameter("uint256", "nonce", 3)] public BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 4)] public BigInteger Deadline { get; set; }
}

[Struct("SignerConsent")]
public sealed class SignerConsentTyped
{
    [Parameter("uint32", "departmentId", 1)] public uint DepartmentId { get; set; }
    [Parameter("uint256", "nonce", 2)] public BigInteger Nonce { get; set; }
    [Parameter("uint256", "deadline", 3)] public BigInteger Deadline { get; set; }
}
