using Microsoft.AspNetCore.Authentication.Cookies;

namespace EthGov.Api.Staff;

/// <summary>
/// Names the session cookie with the <c>__Host-</c> prefix on HTTPS, which a browser accepts only with Secure, Path=/
/// and no Domain: no other site under the same domain, and no plain-HTTP page, can set or overwrite it. On plain HTTP
/// (a node on loopback in development) the prefix would make the browser drop the cookie, so it is left out there.
/// </summary>
public sealed class HostPrefixedCookies : ICookieManager
{
    private const string Prefix = "__Host-";

    private readonly ChunkingCookieManager _inner = new();

    /// <inheritdoc />
    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, NameFor(context, key));

    /// <inheritdoc />
    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
        => _inner.AppendResponseCookie(context, NameFor(context, key), value, options);

    /// <inheritdoc />
    public void DeleteCookie(HttpContext context, string key, CookieOptions options) => _inner.DeleteCookie(context, NameFor(context, key), options);

    private static string NameFor(HttpContext context, string key) => context.Request.IsHttps ? Prefix + key : key;
}
