using System.Numerics;
using EthGov.Chain.Contracts;

namespace EthGov.Chain.Registry;

/// <summary>A governance proposal.</summary>
public sealed record ProposalInfo(
    BigInteger Id, ProposalKind Kind, uint Proposer, uint TargetDepartment, uint NewThreshold,
    DateTimeOffset Deadline, uint Approvals, bool Executed, string Code, string Name, string Signer)
{
    internal static ProposalInfo From(BigInteger id, ProposalTuple t) => new(
        id, (ProposalKind)t.Kind, t.Proposer, t.TargetDepartment, t.NewThreshold,
        EthGov.Core.Verification.ChainTime.FromSeconds(t.Deadline), t.Approvals, t.Executed, t.Code, t.Name, t.Signer);
}

/// <summary>The contract's ProposalKind.</summary>
public enum ProposalKind
{
    /// <summary>Add a department with its first signer.</summary>
    AddDepartment,

    /// <summary>Suspend a department.</summary>
    SuspendDepartment,

    /// <summary>Restore a suspended department.</summary>
    RestoreDepartment,

    /// <summary>Change the approval threshold.</summary>
    ChangeThreshold,
}
