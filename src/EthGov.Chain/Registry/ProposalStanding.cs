namespace EthGov.Chain.Registry;

/// <summary>
/// How close a proposal is to executing, read at one block: the approvals that count now (approving departments
/// active at that block) against the quorum, <c>min(threshold, activeDepartmentCount)</c>.
/// </summary>
/// <param name="LiveApprovals">Approving departments active now.</param>
/// <param name="Quorum">Approvals a proposal needs now.</param>
/// <param name="ReadAtBlock">The block both were read at.</param>
public sealed record ProposalStanding(uint LiveApprovals, uint Quorum, ulong ReadAtBlock)
{
    /// <summary>Whether the live approvals reach the quorum (an open proposal then executes on <c>execute</c>).</summary>
    public bool QuorumReached => LiveApprovals >= Quorum;
}
