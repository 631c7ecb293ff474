namespace EthGov.Api.Documents;

/// <summary>
/// The status of a document in the department's register: on its way (<see cref="Pending"/>, <see cref="Failed"/>),
/// then what the chain says of it, as the node's index of the chain's events has it.
/// </summary>
public static class IssuedStatus
{
    /// <summary>In the outbox, not yet confirmed on chain.</summary>
    public const string Pending = "pending";

    /// <summary>The chain refused its anchor.</summary>
    public const string Failed = "failed";

    /// <summary>Anchored, and neither expired, revoked nor superseded.</summary>
    public const string Valid = "valid";

    /// <summary>Anchored, and past its validity end.</summary>
    public const string Expired = "expired";

    /// <summary>Revoked by the department.</summary>
    public const string Revoked = "revoked";

    /// <summary>Replaced by a newer document of the department.</summary>
    public const string Superseded = "superseded";
}
