using System.Globalization;
using System.Security.Claims;
using EthGov.Api.Auth;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;

namespace EthGov.Api.Staff;

/// <summary>
/// The identity of a request made in a clerk's session: the same department claim an API key's identity carries, so
/// the rest of the API cannot tell them apart, and the scopes the clerk's roles give. A one-time password still to be
/// changed withholds them in a session begun with that password; a session begun through the department's provider
/// never used it (the provider proved the person), so it has the roles, and the one-time password stays good for
/// nothing but changing it. Rebuilt from the account on every request, so role changes and disabling apply at once.
/// </summary>
public sealed class StaffIdentity : ClaimsIdentity, IScopedCaller
{
    /// <summary>The claim holding the account's stamp when the session began.</summary>
    public const string StampClaim = "ethgov:staff-stamp";

    /// <summary>The claim present (value <see cref="ProviderSignIn"/>) when the session began at the department's provider.</summary>
    public const string SignedInWithClaim = "ethgov:staff-signed-in-with";

    /// <summary>The value of <see cref="SignedInWithClaim"/> for a session begun through the department's provider.</summary>
    public const string ProviderSignIn = "oidc";

    /// <summary>The identity of <paramref name="account"/>, in a session begun through the provider when <paramref name="viaProvider"/>.</summary>
    public StaffIdentity(StaffAccount account, bool viaProvider = false)
        : base(StaffSession.SchemeName, ClaimTypes.Name, ClaimTypes.Role)
    {
        Account = account;
        ViaProvider = viaProvider;
        AddClaim(new Claim(ClaimTypes.NameIdentifier, IdOf(account)));
        AddClaim(new Claim(ClaimTypes.Name, account.Name));
        AddClaim(new Claim(ApiKeyAuthentication.DepartmentClaim, account.Department));
        AddClaim(new Claim(StampClaim, account.Stamp.ToString(CultureInfo.InvariantCulture)));
        if (viaProvider)
        {
            AddClaim(new Claim(SignedInWithClaim, ProviderSignIn));
        }
    }

    /// <summary>The account, as read for this request.</summary>
    public StaffAccount Account { get; }

    /// <summary>Whether the session began through the department's OpenID Connect provider.</summary>
    public bool ViaProvider { get; }

    /// <summary>Whether a one-time password must be changed before this session may do anything else.</summary>
    public bool MustChangePassword => Account.MustChangePassword && !ViaProvider;

    /// <inheritdoc />
    public string Department => Account.Department;

    /// <inheritdoc />
    public ApiKeyScopes Scopes => MustChangePassword ? ApiKeyScopes.None : Account.Roles.Scopes;

    /// <inheritdoc />
    public string CallerName => "staff " + Account.Name;

    /// <summary>The name-identifier claim's value for <paramref name="account"/>.</summary>
    public static string IdOf(StaffAccount account) => "staff:" + account.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="principal"/>'s session began through the department's provider.</summary>
    public static bool IsViaProvider(ClaimsPrincipal? principal) => principal?.FindFirstValue(SignedInWithClaim) == ProviderSignIn;

    /// <summary>The account id in a name-identifier claim's value, or null when it is not one.</summary>
    public static long? ParseId(string? value)
        => value is not null && value.StartsWith("staff:", StringComparison.Ordinal)
            && long.TryParse(value.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
