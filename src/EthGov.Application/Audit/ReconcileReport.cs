namespace EthGov.Application.Audit;

/// <summary>A node's journals against the chain, read at one block.</summary>
/// <param name="ChainId">The chain.</param>
/// <param name="Registry">The registry.</param>
/// <param name="ReadAtBlock">The block every root was read at.</param>
/// <param name="Holder">The holder's side (its release journal).</param>
/// <param name="Grantee">The grantee's side (its exchanges and access-log batches).</param>
public sealed record ReconcileReport(ulong ChainId, string Registry, ulong ReadAtBlock, HolderReconciliation Holder, GranteeReconciliation Grantee)
{
    /// <summary>Whether any release lacks its log, or any claimed log is not on chain as claimed.</summary>
    public bool HasViolations => Holder.Violations.Count > 0 || Grantee.Violations.Count > 0;
}
