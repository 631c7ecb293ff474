namespace EthGov.Application.Staff;

/// <summary>Why a password was not changed.</summary>
/// <param name="NotAllowed">True when the clerk could not prove who they are (wrong current password, account disabled); false when the new password is not acceptable.</param>
/// <param name="Rejection">Why the new password is not acceptable, when <paramref name="NotAllowed"/> is false.</param>
public sealed record PasswordChangeRefusal(bool NotAllowed, PasswordRejection? Rejection = null);
