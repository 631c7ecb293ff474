namespace EthGov.Core.Verification;

/// <summary>
/// A department's standing in the registry. The numeric values equal the contract's
/// <c>DepartmentStatus</c> enum so a value read from the chain converts by cast.
/// </summary>
public enum DepartmentStatus
{
    /// <summary>No such department.</summary>
    None = 0,

    /// <summary>May anchor, revoke and take part in governance.</summary>
    Active = 1,

    /// <summary>Suspended by a quorum of departments: its signers can no longer act.</summary>
    Suspended = 2,
}
