using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum bindings for the quorum views of EthGovRegistry (IDepartmentRegistry).
namespace EthGov.Chain.Bindings;

[Function("quorum", "uint32")]
public sealed class QuorumFunction : FunctionMessage;
