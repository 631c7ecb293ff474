using System.Security.Claims;
using System.Text.Encodings.Web;
using EthGov.Api.Problems;
using EthGov.Application.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Auth;

/// <summary>
/// Authenticates a department by its API key, sent as <c>X-Api-Key: egk_...</c> or <c>Authorization: Bearer egk_...</c>.
/// The principal carries the department code, the key's number and its scopes (<see cref="ApiKeyIdentity"/>); the key
/// itself is never logged.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = ApiKeyHeader.Name;

    /// <summary>The claim holding the department code.</summary>
    public const string DepartmentClaim = "ethgov:department";

    /// <summary>The claim holding the key's number (<c>ethgov apikey list</c>).</summary>
    public const string KeyIdClaim = "ethgov:key";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = Request.Headers[HeaderName].FirstOrDefault();
        if (key is null && Request.Headers.Authorization.FirstOrDefault() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = authorization["Bearer ".Length..].Trim();
        }

        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        if (await keys.FindAsync(key, Context.RequestAborted) is not { } known)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ApiKeyIdentity(known)), SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        => WriteAsync(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "An API key is required",
            Request.Headers.ContainsKey(HeaderName) || Request.Headers.ContainsKey("Authorization")
                ? AuthTexts.KeyUnknown
                : AuthTexts.SendTheDepartmentSKeyIn.With(HeaderName));

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => WriteAsync(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The API key may not do this", AuthTexts.OwnDepartmentOnly);

    private Task WriteAsync(int status, string type, string title, ProblemText detail)
    {
        var problem = Problems.Problems.Create(status, type, title, detail);
        return problem.ExecuteAsync(Context);
    }
}
