namespace EthGov.Application.Staff;

/// <summary>One line of the staff audit.</summary>
/// <param name="Id">Its number, in the order written.</param>
/// <param name="At">When it was written (before the action ran).</param>
/// <param name="Name">Who: the clerk's sign-in name.</param>
/// <param name="Department">The department the clerk acts for.</param>
/// <param name="Action">What: the operation's name (<c>RevokeDocument</c>, <c>SignIn</c>, ...).</param>
/// <param name="Target">Which digest or id, when the operation names one.</param>
public sealed record StaffAuditLine(long Id, DateTimeOffset At, string Name, string Department, string Action, string? Target);
