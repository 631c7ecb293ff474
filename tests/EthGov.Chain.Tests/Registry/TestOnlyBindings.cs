using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Functions of the registry that EthGov never calls and the tests check the contract through: a relayer's delegated
// anchor, and the limits the C# side checks before sending.
namespace EthGov.Chain.Tests.Registry;

[Function("anchorBySig")]
public sealed class AnchorBySigFunction : FunctionMessage
{
    [Parameter("bytes32", "digest", 1)] public byte[] Digest { get; set; } = [];
    [Parameter("uint64", "validUntil", 2)] public ulong ValidUntil { get; set; }
    [Parameter("address", "signer", 3)] public string Signer { get; set; } = "";
    [Parameter("uint256", "deadline", 4)] public BigInteger Deadline { get; set; }
    [Parameter("bytes", "signature", 5)] public byte[] Signature { get; set; } = [];
}

[Function("MAX_SIGNERS", "uint256")]
public sealed class MaxSignersFunction : FunctionMessage;

[Function("MAX_GRANT_LIFETIME", "uint64")]
public sealed class MaxGrantLifetimeFunction : FunctionMessage;
