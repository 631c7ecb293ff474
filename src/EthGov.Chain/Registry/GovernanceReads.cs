using System.Numerics;
using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Registry;

/// <summary>
/// The quorum as it stands: approvals count only while the approving department is active, so a proposal's standing
/// changes with every suspension and restoration, not only with approvals.
/// </summary>
public sealed class GovernanceReads(RegistryContext context)
{
    /// <summary>The approvals a proposal needs now: <c>min(threshold, activeDepartmentCount)</c>.</summary>
    public Task<ChainResult<uint>> QuorumAsync() => context.QueryValueAsync<QuorumFunction, uint>(new QuorumFunction());

    /// <summary>A proposal's live approvals and the quorum, both read at the latest block (fails with ProposalNotFound).</summary>
    public async Task<ChainResult<ProposalStanding>> StandingAsync(BigInteger proposalId)
    {
        var latest = await context.LatestBlockAsync();
        if (!latest.IsSuccess)
        {
            return ChainResult<ProposalStanding>.Fail(latest.Error);
        }

        var block = new BlockParameter(new HexBigInteger(latest.Value.Number));
        var live = await context.QueryValueAsync<LiveApprovalsFunction, uint>(new LiveApprovalsFunction { ProposalId = proposalId }, block);
        if (!live.IsSuccess)
        {
            return ChainResult<ProposalStanding>.Fail(live.Error);
        }

        var quorum = await context.QueryValueAsync<QuorumFunction, uint>(new QuorumFunction(), block);
        return quorum.IsSuccess
            ? ChainResult<ProposalStanding>.Ok(new ProposalStanding(live.Value, quorum.Value, latest.Value.Number))
            : ChainResult<ProposalStanding>.Fail(quorum.Error);
    }
}
