namespace EthGov.Core.Verification;

/// <summary>
/// Which of several departments' anchorings of one digest a verdict is about, when nobody named the issuer: a valid
/// one if any (each department's anchoring is its own claim, and one valid issuer makes the document genuine as issued
/// by it), else the one with the lowest id. Every department that anchored it is named in the verdict anyway.
/// </summary>
public static class IssuerChoice
{
    /// <summary>The facts the verdict should be about, among <paramref name="anchored"/> (each an anchoring); null when empty.</summary>
    public static ChainFacts? Choose(IReadOnlyList<ChainFacts> anchored)
        => anchored.Where(f => f.Status == DocumentStatus.Valid).OrderBy(f => f.DepartmentId).FirstOrDefault()
            ?? anchored.OrderBy(f => f.DepartmentId).FirstOrDefault();
}
