namespace EthGov.Chain.Registry;

/// <summary>Why a time the registry bounds (a grant's expiry, a proposal's deadline) is refused: a code, so each caller words it in its own language.</summary>
public enum TimeLimitFault
{
    /// <summary>The time has passed.</summary>
    Passed,

    /// <summary>The time lies beyond the longest the registry allows.</summary>
    TooFarAhead,
}
