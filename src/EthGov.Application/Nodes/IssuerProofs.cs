using EthGov.Chain.Abi;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Application.Verification;
using EthGov.Core.Verification;

namespace EthGov.Application.Nodes;

/// <summary>
/// Asks issuing departments' nodes for a digest's batch proof, through their public receipt route. Only the path of
/// hashes is taken from an answer, and only from a receipt about this digest, this registry and the node's own
/// department: the root is recomputed and the chain decides (docs/decisions.md, decision 17). A node that lies, stalls
/// or is gone therefore costs a verification its proof, never its correctness.
/// </summary>
public sealed class IssuerProofs(NodeDirectory directory, NodeClient client, ulong chainId, string registry)
{
    /// <summary>
    /// The proof from <paramref name="department"/>'s node, or, when null, from the first of every active department's
    /// nodes (asked at once) to give a usable one; departments in <paramref name="skip"/> (the asking node's own) are
    /// not asked.
    /// </summary>
    public async Task<ChainResult<IssuerProof>> FindAsync(
        Digest digest, uint? department, IReadOnlySet<uint> skip, CancellationToken cancellationToken)
    {
        List<NodeAddress> nodes;
        if (department is { } named)
        {
            var node = await directory.NodeOfAsync(named);
            if (!node.IsSuccess)
            {
                return ChainResult<IssuerProof>.Fail(node.Error);
            }

            if (node.Value is null)
            {
                return Failed(false, $"department {named} publishes no node on chain to ask for the batch proof");
            }

            nodes = [node.Value];
        }
        else
        {
            var all = await directory.ActiveNodesAsync();
            if (!all.IsSuccess)
            {
                return ChainResult<IssuerProof>.Fail(all.Error);
            }

            nodes = all.Value.Where(n => !skip.Contains(n.DepartmentId)).ToList();
            if (nodes.Count == 0)
            {
                return Failed(false, "no other active department publishes a node to ask for a batch proof");
            }
        }

        using var first = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = nodes.Select(n => AskAsync(n, digest, first.Token)).ToList();
        var refusals = new List<(string Sentence, bool Unreachable)>();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            var (proof, refusal) = await done;
            if (proof is not null)
            {
                // One usable proof is enough: the others' answers are no longer needed.
                await first.CancelAsync();
                return ChainResult<IssuerProof>.Ok(proof);
            }

            refusals.Add(refusal);
        }

        return Failed(refusals.Any(r => r.Unreachable), string.Join("; ", refusals.Select(r => r.Sentence)));
    }

    private async Task<(IssuerProof? Proof, (string Sentence, bool Unreachable) Refusal)> AskAsync(NodeAddress node, Digest digest, CancellationToken cancellationToken)
    {
        var from = $"the node of {node.Code} at {node.Url}";
        NodeAnswer<Receipt> answer;
        try
        {
            answer = await client.GetReceiptAsync(node.Url, digest, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, ($"{from} was not waited for", false));
        }

        if (!answer.IsSuccess)
        {
            var unreachable = answer.Failure is NodeFailure.Unreachable or NodeFailure.TimedOut;
            return (null, ($"{from}: {answer.Detail?.TrimEnd('.')}", unreachable));
        }

        var receipt = answer.Value!;
        var setAside = ReceiptAbout.Disagreement(receipt, digest, chainId, [registry], node.DepartmentId)
            ?? (receipt.Batch is null ? "it says the document is anchored on its own, which the chain does not show" : null);
        if (setAside is not null)
        {
            return (null, ($"{from} answered, but {setAside}: set aside", false));
        }

        var proof = StatedProof.For(digest, receipt.Batch!.Proof, ProofSource.IssuerNode, from);
        return (new IssuerProof { DepartmentId = node.DepartmentId, Proof = proof }, default);
    }

    private static ChainResult<IssuerProof> Failed(bool unreachable, string detail)
        => ChainResult<IssuerProof>.Ok(new IssuerProof { Failure = new ProofLookupFailure(unreachable, detail) });
}
