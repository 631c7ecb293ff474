using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum bindings for the quorum views of EthGovRegistry (IDepartmentRegistry).
namespace EthGov.Chain.Contracts;

[Function("quorum", "uint32")]
public sealed class QuorumFunction : FunctionMessage;

[Function("activeDepartmentCount", "uint32")]
public sealed class ActiveDepartmentCountFunction : FunctionMessage;

[Function("hasApproved", "bool")]
public sealed class HasApprovedFunction : FunctionMessage
{
    [Parameter("uint256", "proposalId", 1)] public BigInteger ProposalId { get; set; }
    [Parameter("uint32", "departmentId", 2)] public uint DepartmentId { get; set; }
}
