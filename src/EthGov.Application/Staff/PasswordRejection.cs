namespace EthGov.Application.Staff;

/// <summary>Why a new password was not accepted: a code, so each caller words it in its own language.</summary>
public enum PasswordRejection
{
    /// <summary>Fewer than <see cref="StaffPasswords.MinLength"/> characters.</summary>
    TooShort,

    /// <summary>More than <see cref="StaffPasswords.MaxLength"/> characters.</summary>
    TooLong,

    /// <summary>The sign-in name is inside it.</summary>
    ContainsName,

    /// <summary>Fewer than <see cref="StaffPasswords.MinDistinct"/> different characters.</summary>
    TooFewDistinct,

    /// <summary>The same as the current password.</summary>
    SameAsCurrent,
}
