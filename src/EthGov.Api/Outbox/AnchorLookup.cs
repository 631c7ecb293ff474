using EthGov.Chain.Abi;
using EthGov.Chain.Deployments;
using EthGov.Chain.Events;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Outbox;

/// <summary>
/// Finds the transaction in which the batch's department anchored its digest or batch root (see <see cref="AnchorFinder"/>).
/// The batcher uses it after a restart or a lost answer, when the chain says "already anchored" for the department: the
/// anchoring found is adopted.
/// </summary>
public sealed class AnchorLookup(IOptions<ChainOptions> chain, Deployment deployment)
{
    private readonly AnchorFinder _finder = new(chain.Value);

    /// <summary>The department's anchoring of <paramref name="batch"/> on chain: its transaction and validity, or null when none.</summary>
    public Task<ChainResult<AnchoringFound?>> FindAsync(BatchRecord batch)
    {
        // A batch kept from registry 1.x after a migration was anchored there (1.x logs the same events).
        var registry = batch.Registry ?? deployment.Registry;
        var fromBlock = batch.Registry is null ? deployment.Block : 0;
        return _finder.FindAsync(registry, fromBlock, batch.Root, batch.AnchoringDepartmentId, batch.IsSingle);
    }
}
