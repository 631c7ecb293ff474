namespace EthGov.Application.Audit;

/// <summary>The holder's release journal against the chain.</summary>
/// <param name="Releases">Releases in the journal.</param>
/// <param name="Roots">Distinct access-log roots they rest on (each read once).</param>
/// <param name="Logged">Releases whose entry is in a root the grantee department logged on chain.</param>
/// <param name="ProofsNotKept">Of those, releases journaled before proofs were kept: their root was checked, not their inclusion.</param>
/// <param name="Violations">Releases without a valid log.</param>
public sealed record HolderReconciliation(int Releases, int Roots, int Logged, int ProofsNotKept, IReadOnlyList<AuditFinding> Violations);
