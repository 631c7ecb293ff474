using System.Globalization;
using System.Security.Claims;
using EthGov.Api.Auth;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;

namespace EthGov.Api.Staff;

/// <summary>
/// The identity of a request made in a clerk's session: the same department claim an API key's identity carries, so
/// the rest of the API cannot tell them apart, and the scopes the clerk's roles give (none while a one-time password
/// is still to be changed). Rebuilt from the account on every request, so role changes and disabling apply at once.
/// </summary>
public sealed class StaffIdentity : ClaimsIdentity, IScopedCaller
{
    /// <summary>The claim holding the account's stamp when the session began.</summary>
    public const string StampClaim = "ethgov:staff-stamp";

    /// <summary>The identity of <paramref name="account"/>.</summary>
    public StaffIdentity(StaffAccount account)
        : base(StaffSession.SchemeName, ClaimTypes.Name, ClaimTypes.Role)
    {
        Account = account;
        AddClaim(new Claim(ClaimTypes.NameIdentifier, IdOf(account)));
        AddClaim(new Claim(ClaimTypes.Name, account.Name));
        AddClaim(new Claim(ApiKeyAuthentication.DepartmentClaim, account.Department));
        AddClaim(new Claim(StampClaim, account.Stamp.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The account, as read for this request.</summary>
    public StaffAccount Account { get; }

    /// <inheritdoc />
    public string Department => Account.Department;

    /// <inheritdoc />
    public ApiKeyScopes Scopes => Account.MustChangePassword ? ApiKeyScopes.None : Account.Roles.Scopes;

    /// <inheritdoc />
    public string CallerName => "staff " + Account.Name;

    /// <summary>The name-identifier claim's value for <paramref name="account"/>.</summary>
    public static string IdOf(StaffAccount account) => "staff:" + account.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The account id in a name-identifier claim's value, or null when it is not one.</summary>
    public static long? ParseId(string? value)
        => value is not null && value.StartsWith("staff:", StringComparison.Ordinal)
            && long.TryParse(value.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
