namespace EthGov.Application.Audit;

/// <summary>One check of an audit, passed or failed, with a one-line reason.</summary>
/// <param name="Name">The check's stable name (kebab-case).</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Reason">Why, in one line.</param>
public sealed record AuditCheck(string Name, bool Passed, string Reason)
{
    /// <summary>A passed check.</summary>
    public static AuditCheck Pass(string name, string reason) => new(name, true, reason);

    /// <summary>A failed check.</summary>
    public static AuditCheck Fail(string name, string reason) => new(name, false, reason);
}
