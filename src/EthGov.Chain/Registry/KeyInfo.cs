namespace EthGov.Chain.Registry;

/// <summary>One key id of a department, as the registry keeps it for good (key ids are never reused).</summary>
/// <param name="DepartmentId">The department.</param>
/// <param name="KeyId">The key id, 1 to the department's key count.</param>
/// <param name="Address">The key's address.</param>
/// <param name="State">Whether it is one of the department's keys now, was removed, or was reported compromised.</param>
/// <param name="CompromisedSince">When its reported compromise began (documents it anchored since then are not valid); null when never reported.</param>
public sealed record KeyInfo(uint DepartmentId, ushort KeyId, string Address, KeyState State, DateTimeOffset? CompromisedSince);

/// <summary>Where a key id stands.</summary>
public enum KeyState
{
    /// <summary>One of the department's keys now (it acts while the department is active).</summary>
    Current,

    /// <summary>Removed by a signer change or a recovery; its earlier documents keep their status.</summary>
    Removed,

    /// <summary>Reported compromised: it never acts again, and what it anchored since the compromise began is not valid.</summary>
    Compromised,
}

/// <summary>What the registry knows about an address as a key (<c>keyOf</c>).</summary>
/// <param name="DepartmentId">Its department; 0 when it is neither a current nor a compromised key.</param>
/// <param name="KeyId">Its key id in that department; 0 when none.</param>
/// <param name="Active">Whether it may act now (a current key of an active department).</param>
/// <param name="CompromisedSince">When its reported compromise began; null when never reported.</param>
public sealed record KeyStanding(uint DepartmentId, ushort KeyId, bool Active, DateTimeOffset? CompromisedSince);
