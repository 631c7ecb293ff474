namespace EthGov.Core.Verification;

/// <summary>Result of one verification check.</summary>
public enum CheckOutcome
{
    /// <summary>The check held.</summary>
    Passed,

    /// <summary>The check did not hold.</summary>
    Failed,

    /// <summary>The check did not apply (for example no receipt was given) or could not be made.</summary>
    Skipped,
}
