using EthGov.Api.Staff;

namespace EthGov.Api.Auth;

/// <summary>
/// The API's default authentication scheme: a request that sends an API key (<c>X-Api-Key</c> or
/// <c>Authorization</c>) is authenticated by its key and nothing else, any other by the clerk's session cookie, if it
/// has one. Both give an <see cref="IScopedCaller"/>, which every route's scope check reads: one authorization path.
/// Challenges and refusals are the API key scheme's problems, as before sessions existed.
/// </summary>
public static class CallerAuthentication
{
    /// <summary>The policy scheme's name.</summary>
    public const string SchemeName = "Caller";

    /// <summary>The scheme that authenticates <paramref name="context"/>.</summary>
    public static string Select(HttpContext context)
        => context.Request.Headers.ContainsKey(ApiKeyAuthentication.HeaderName) || context.Request.Headers.ContainsKey("Authorization")
            ? ApiKeyAuthentication.SchemeName
            : StaffSession.SchemeName;
}
