using System.Globalization;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Nodes;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Api.MyData;

/// <summary>
/// Asks the node of the department that logged an access-log root for the root's entries, and checks them against the
/// chain: as many as <c>AccessBatchLogged</c> counted, making that very root. A node that answers another count or
/// another root withholds entries (or invents them); one that does not answer is unreachable. The entries are hashes of
/// access entries (chain, registry, grant, record or kind, holder, grantee, a random request id, a query's digest): no
/// personal data, and nothing that names a record without the request id, which only the two nodes hold.
/// </summary>
public sealed class AccessBatchWitness(NodeDirectory nodes, NodeClient client)
{
    /// <summary>The most entries read for one root: a grantee's largest batch (<c>EthGov:Exchange:MaxLogBatchEntries</c>).</summary>
    public const int MaxEntries = 65_536;

    /// <summary>What the node of <paramref name="batch"/>'s department answered for <paramref name="root"/>.</summary>
    public async Task<WitnessedBatch> AskAsync(Digest root, AccessBatchInfo batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var node = await nodes.NodeOfAsync(batch.Department);
        if (!node.IsSuccess)
        {
            return WitnessedBatch.Unreachable("the chain could not be read for the grantee's node");
        }

        if (node.Value is not { } address)
        {
            return WitnessedBatch.Unreachable($"department {batch.Department} publishes no node on chain");
        }

        if (batch.Entries > MaxEntries)
        {
            return WitnessedBatch.Unchecked($"the chain counts {batch.Entries} entries under the root, more than {MaxEntries} are read");
        }

        var answer = await client.GetAccessBatchEntriesAsync(address.Url, root, (int)Math.Max(1, batch.Entries) + 1, cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Failure is NodeFailure.NotFound or NodeFailure.Malformed or NodeFailure.TooLarge
                ? WitnessedBatch.Withholding($"{address.Code}'s node does not show the root's entries: {answer.Detail}")
                : WitnessedBatch.Unreachable($"{address.Code}'s node did not answer: {answer.Detail}");
        }

        var entries = answer.Value!;
        if (entries.Count != batch.Entries)
        {
            return WitnessedBatch.Withholding(string.Create(CultureInfo.InvariantCulture,
                $"{address.Code}'s node shows {entries.Count} entries under the root; the chain counts {batch.Entries}"));
        }

        Digest made;
        try
        {
            made = AccessLogBatch.Form(entries).Root;
        }
        catch (ArgumentException)
        {
            return WitnessedBatch.Withholding($"{address.Code}'s node shows an entry twice under the root");
        }

        return made == root
            ? WitnessedBatch.Complete(entries, $"{address.Code}'s node shows all {entries.Count} entries of the root, and they make it")
            : WitnessedBatch.Withholding($"the {entries.Count} entries {address.Code}'s node shows make another root ({made})");
    }
}
