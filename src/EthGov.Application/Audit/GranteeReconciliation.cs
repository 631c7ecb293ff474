namespace EthGov.Application.Audit;

/// <summary>The grantee's logged accesses and access-log batches against the chain.</summary>
/// <param name="Logged">Exchanges whose access entry the node logged.</param>
/// <param name="Released">Of those, exchanges the holder released (released or verified).</param>
/// <param name="Batches">Access-log batches the node holds as confirmed.</param>
/// <param name="Roots">Distinct roots read on chain.</param>
/// <param name="Violations">Logs the node claims and the chain does not hold (or not as claimed).</param>
/// <param name="LogsWithoutRelease">Logged accesses that led to no release: pending or refused (informational).</param>
public sealed record GranteeReconciliation(
    int Logged, int Released, int Batches, int Roots, IReadOnlyList<AuditFinding> Violations, IReadOnlyList<AuditFinding> LogsWithoutRelease);
