using EthGov.Application.Documents;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;

namespace EthGov.Cli.Common;

/// <summary>
/// Where a document the signer's department issued is anchored, for <c>revoke</c> and <c>supersede</c>: as its receipt
/// says; without one, on its own if the chain says so, else in the batch whose proof the department's node gives.
/// </summary>
public static class DocumentPlaces
{
    /// <summary>The place of <paramref name="digest"/>, from <paramref name="receipt"/> when given.</summary>
    public static async Task<AnchorPlace> OfAsync(
        CliContext context, RegistryClient client, Deployment deployment, Digest digest, Receipt? receipt, string? legacyRegistry, CancellationToken ct)
    {
        if (receipt is not null)
        {
            return AnchorPlace.Of(receipt, legacyRegistry);
        }

        var (departmentId, _) = (await client.Departments.OfSignerAsync(client.Context.SignerAddress!)).OrFail();
        var proofs = NodeNetwork.ProofsFor(context, client, deployment);
        return (await AnchorPlaceFinder.FindAsync(client.Documents, proofs, departmentId, digest, legacyRegistry is not null, ct)).OrFail();
    }
}
