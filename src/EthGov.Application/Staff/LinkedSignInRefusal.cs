namespace EthGov.Application.Staff;

/// <summary>Why a person the department's provider vouched for was not signed in.</summary>
public enum LinkedSignInRefusal
{
    /// <summary>No clerk's account is bound to the person.</summary>
    NotLinked,

    /// <summary>The bound account was disabled.</summary>
    Disabled,

    /// <summary>The bound account is locked after failed passwords.</summary>
    Locked,
}
