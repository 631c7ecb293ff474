using Microsoft.Extensions.Options;

namespace EthGov.Application.Staff;

/// <summary>
/// The sign-in rule. Every attempt with a name and a password of acceptable length costs one password hash, whether
/// the name exists, is disabled or is locked, so neither the answer nor its time tells which. Failures in a row lock
/// the account for <see cref="StaffOptions.LockoutDuration"/>; a right password that arrives while failures lock the
/// account is refused too.
/// </summary>
public sealed class StaffSignIn(StaffAccounts accounts, StaffPasswords passwords, IOptions<StaffOptions> options, TimeProvider time)
{
    /// <summary>The account, when <paramref name="password"/> is its password and it may sign in now; otherwise null.</summary>
    public async Task<StaffAccount?> SignInAsync(string? name, string? password, CancellationToken cancellationToken = default)
    {
        if (password is null or { Length: > StaffPasswords.MaxLength } || !StaffNames.IsValid(name))
        {
            return null;
        }

        var account = await accounts.FindAsync(name!, cancellationToken);
        var hash = account is null ? null : await accounts.ReadHashAsync(account.Id, cancellationToken);
        if (account is null || hash is null)
        {
            passwords.VerifyUnknownName(password);
            return null;
        }

        var right = passwords.Verify(hash, password, out var rehash);
        var now = time.GetUtcNow();
        if (account.Disabled || account.LockedUntil > now)
        {
            return null;
        }

        if (!right)
        {
            await accounts.CountFailureAsync(account.Id, Math.Max(1, options.Value.MaxFailedSignIns), now + options.Value.LockoutDuration, cancellationToken);
            return null;
        }

        return await accounts.CountSuccessAsync(account.Id, now, rehash ? passwords.Hash(password) : null, cancellationToken);
    }

    /// <summary>
    /// The account bound to <paramref name="subject"/> of <paramref name="issuer"/>, when the department's provider has
    /// vouched for that person and the account may sign in now; otherwise why not. The provider decides who the person
    /// is, never what they may do: the roles are the account's.
    /// </summary>
    public async Task<(StaffAccount? Account, LinkedSignInRefusal? Refusal, StaffAccount? Refused)> SignInLinkedAsync(
        string issuer, string subject, CancellationToken cancellationToken = default)
    {
        if (await accounts.FindLinkedAsync(issuer, subject, cancellationToken) is not { } account)
        {
            return (null, LinkedSignInRefusal.NotLinked, null);
        }

        var now = time.GetUtcNow();
        if (account.Disabled)
        {
            return (null, LinkedSignInRefusal.Disabled, account);
        }

        if (account.LockedUntil > now)
        {
            return (null, LinkedSignInRefusal.Locked, account);
        }

        // Disabled or locked between the read and now: refused as such.
        return await accounts.CountLinkedSignInAsync(account.Id, now, cancellationToken) is { } signedIn
            ? (signedIn, null, null)
            : (null, LinkedSignInRefusal.Locked, account);
    }

    /// <summary>
    /// Changes the password of <paramref name="account"/> after checking its current one (a wrong one counts as a failed
    /// sign-in). Returns the account with its new stamp, or why not.
    /// </summary>
    public async Task<(StaffAccount? Account, PasswordChangeRefusal? Refusal)> ChangePasswordAsync(
        StaffAccount account, string? currentPassword, string? newPassword, CancellationToken cancellationToken = default)
    {
        if (await SignInAsync(account.Name, currentPassword, cancellationToken) is null)
        {
            return (null, new PasswordChangeRefusal(true));
        }

        if (StaffPasswords.RejectionOf(newPassword, account.Name) is { } rejection)
        {
            return (null, new PasswordChangeRefusal(false, rejection));
        }

        if (newPassword == currentPassword)
        {
            return (null, new PasswordChangeRefusal(false, PasswordRejection.SameAsCurrent));
        }

        var changed = await accounts.SetPasswordAsync(account.Id, passwords.Hash(newPassword!), cancellationToken);
        return changed is null ? (null, new PasswordChangeRefusal(true)) : (changed, null);
    }
}
