using System.Globalization;
using System.Security.Claims;
using EthGov.Application.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Staff;

/// <summary>
/// A clerk's session: an ASP.NET Core authentication cookie (HttpOnly, SameSite=Strict, Secure and <c>__Host-</c> on
/// HTTPS) that ends after <see cref="StaffOptions.IdleTimeout"/> unused or <see cref="StaffOptions.AbsoluteTimeout"/>
/// after sign-in. Each request re-reads the account: a disabled account, a changed password (a new stamp) or a session
/// past its absolute end is signed out there and then.
/// </summary>
public static class StaffSession
{
    /// <summary>The cookie scheme's name.</summary>
    public const string SchemeName = "Staff";

    /// <summary>The session cookie's name (with <c>__Host-</c> before it on HTTPS).</summary>
    public const string CookieName = "ethgov-staff";

    /// <summary>The header that carries the antiforgery token of a session's unsafe requests.</summary>
    public const string CsrfHeader = "X-CSRF-Token";

    private const string SignedInAtItem = "ethgov:signed-in-at";

    /// <summary>Configures the cookie scheme.</summary>
    public static void Configure(CookieAuthenticationOptions cookie, StaffOptions staff)
    {
        cookie.Cookie.Name = CookieName;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.Cookie.Path = "/";
        cookie.CookieManager = new HostPrefixedCookies();
        cookie.ExpireTimeSpan = staff.IdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.Events.OnValidatePrincipal = ValidateAsync;
    }

    /// <summary>The properties of a new session: when it began, which bounds it.</summary>
    public static AuthenticationProperties NewProperties(DateTimeOffset now) => new(new Dictionary<string, string?>
    {
        [SignedInAtItem] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
    })
    {
        IsPersistent = false,
        AllowRefresh = true,
    };

    /// <summary>When the session with <paramref name="properties"/> ends at the latest.</summary>
    public static DateTimeOffset AbsoluteEnd(AuthenticationProperties properties, StaffOptions staff)
        => properties.Items.TryGetValue(SignedInAtItem, out var text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds) + staff.AbsoluteTimeout
                : DateTimeOffset.MinValue;

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var staff = services.GetRequiredService<IOptions<StaffOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var principal = context.Principal;
        var account = StaffIdentity.ParseId(principal?.FindFirstValue(ClaimTypes.NameIdentifier)) is { } id
            ? await services.GetRequiredService<StaffAccounts>().GetAsync(id, context.HttpContext.RequestAborted)
            : null;
        if (account is null || account.Disabled || AbsoluteEnd(context.Properties, staff) <= now
            || principal!.FindFirstValue(StaffIdentity.StampClaim) != account.Stamp.ToString(CultureInfo.InvariantCulture))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
            return;
        }

        context.ReplacePrincipal(new ClaimsPrincipal(new StaffIdentity(account, StaffIdentity.IsViaProvider(principal))));
    }
}
