using EthGov.Core.Digests;

namespace EthGov.Chain.Registry;

/// <summary>
/// A transaction as an auditor of access logs sees it: mined or not, where, whether it succeeded, and the access-log
/// batches and single access logs the registry emitted in it.
/// </summary>
/// <param name="Hash">The transaction's hash.</param>
/// <param name="Found">Whether the chain has a receipt for it.</param>
/// <param name="BlockNumber">The block that holds it (0 when not found).</param>
/// <param name="Succeeded">Whether it succeeded.</param>
/// <param name="Batches">The <c>AccessBatchLogged</c> events of the registry in it: root and department.</param>
/// <param name="SingleLogs">The <c>AccessLogged</c> events of the registry in it: grant and grantee department.</param>
public sealed record AccessLogTransaction(
    string Hash,
    bool Found,
    ulong BlockNumber,
    bool Succeeded,
    IReadOnlyList<(Digest Root, uint Department)> Batches,
    IReadOnlyList<(System.Numerics.BigInteger GrantId, uint Grantee)> SingleLogs)
{
    /// <summary>A hash the chain has no receipt for.</summary>
    public static AccessLogTransaction Missing(string hash) => new(hash, false, 0, false, [], []);
}
