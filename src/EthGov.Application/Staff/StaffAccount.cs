namespace EthGov.Application.Staff;

/// <summary>A clerk's account on the department's node, as <c>ethgov staff list</c> shows it: never the password hash.</summary>
/// <param name="Id">The account's number.</param>
/// <param name="Name">The sign-in name, unique on the node (case ignored).</param>
/// <param name="Department">The department code the clerk acts for.</param>
/// <param name="Roles">What the clerk may do.</param>
/// <param name="MustChangePassword">Whether the password is a one-time password that must be changed before anything else.</param>
/// <param name="Stamp">Moves when the password changes or the account is disabled: sessions made before stop working.</param>
/// <param name="CreatedAt">When the account was made.</param>
/// <param name="DisabledAt">When it was disabled, if it was (for good: names are never reused).</param>
/// <param name="LockedUntil">Until when sign-in is refused after repeated failures, if it is.</param>
/// <param name="LastSignInAt">When the clerk last signed in, if ever.</param>
public sealed record StaffAccount(
    long Id,
    string Name,
    string Department,
    StaffRoles Roles,
    bool MustChangePassword,
    long Stamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt)
{
    /// <summary>Whether the account was disabled.</summary>
    public bool Disabled => DisabledAt is not null;
}
