namespace EthGov.Application.Passkeys;

/// <summary>In whose name a passkey bound to a record acts, as the clerk who issued the registration code recorded it.</summary>
public enum PasskeyRole
{
    /// <summary>The person the record concerns.</summary>
    Self,

    /// <summary>A guardian acting for a minor or an incapacitated person, recorded by the department after its own check.</summary>
    Guardian,
}
