using EthGov.Application.Passkeys;

namespace EthGov.Api.MyData;

/// <summary>
/// The citizen's session cookie: its own name, apart from the staff session's, HttpOnly (no script reads it),
/// SameSite=Strict (no other site's page sends it), path /, and on HTTPS Secure with the <c>__Host-</c> prefix, which a
/// browser accepts only from this very host. On plain HTTP (a node on localhost in development) the prefix would make
/// the browser drop the cookie, so it is left out there, as for the staff session.
/// </summary>
public static class CitizenCookie
{
    /// <summary>The cookie's name on plain HTTP; on HTTPS it carries the <c>__Host-</c> prefix.</summary>
    public const string Name = "ethgov-citizen";

    /// <summary>The session the request's cookie opens, or null.</summary>
    public static Task<CitizenSession?> SessionAsync(HttpContext http, CitizenSessions sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(sessions);
        return sessions.FindAsync(Token(http), cancellationToken);
    }

    /// <summary>The token the request's cookie carries, or null.</summary>
    public static string? Token(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Cookies.TryGetValue(NameFor(http), out var token) ? token : null;
    }

    /// <summary>Sets the cookie to <paramref name="token"/> until <paramref name="expiresAt"/>.</summary>
    public static void Set(HttpContext http, string token, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(NameFor(http), token, Options(http, expiresAt));
    }

    /// <summary>Tells the browser to drop the cookie.</summary>
    public static void Clear(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(NameFor(http), Options(http, null));
    }

    private static string NameFor(HttpContext http) => http.Request.IsHttps ? "__Host-" + Name : Name;

    private static CookieOptions Options(HttpContext http, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };
}
