namespace EthGov.Core.Verification;

/// <summary>The result of verifying a document: an overall outcome and the checks that led to it.</summary>
/// <param name="Outcome">The overall answer.</param>
/// <param name="Checks">Every check, in <see cref="CheckNames.All"/> order.</param>
public sealed record Verdict(VerdictOutcome Outcome, IReadOnlyList<VerificationCheck> Checks)
{
    /// <summary>The check named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No check has that name.</exception>
    public VerificationCheck this[string name] =>
        Checks.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"No check named '{name}'.");
}
