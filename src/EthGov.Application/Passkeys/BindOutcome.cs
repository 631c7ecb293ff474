namespace EthGov.Application.Passkeys;

/// <summary>What became of a registration.</summary>
public enum BindOutcome
{
    /// <summary>The record is now bound to the passkey and the code is used up.</summary>
    Bound,

    /// <summary>The code was used (or expired) in the meantime: nothing was bound.</summary>
    CodeUsed,

    /// <summary>The record is already bound to a passkey: a clerk must revoke that binding first.</summary>
    AlreadyBound,
}
