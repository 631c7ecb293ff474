namespace EthGov.Application.Audit;

/// <summary>The outcome of checking one evidence file: every check in order, passed or not.</summary>
/// <param name="Checks">The checks.</param>
public sealed record EvidenceVerification(IReadOnlyList<AuditCheck> Checks)
{
    /// <summary>Whether every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>The check named <paramref name="name"/>, or null.</summary>
    public AuditCheck? this[string name] => Checks.FirstOrDefault(c => c.Name == name);
}
