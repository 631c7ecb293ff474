namespace EthGov.Application.Staff;

/// <summary>Why a password was not changed.</summary>
/// <param name="NotAllowed">True when the clerk could not prove who they are (wrong current password, account disabled); false when the new password is not acceptable.</param>
/// <param name="Reason">A sentence for the clerk.</param>
public sealed record PasswordChangeRefusal(bool NotAllowed, string Reason);
