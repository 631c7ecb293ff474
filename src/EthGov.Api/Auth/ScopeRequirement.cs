using EthGov.Application.ApiKeys;
using Microsoft.AspNetCore.Authorization;

namespace EthGov.Api.Auth;

/// <summary>
/// An authorization requirement that is its own handler, as ASP.NET Core's built-in requirements are: it succeeds
/// when the request's caller (an API key, or a clerk's session through its roles: <see cref="IScopedCaller"/>) holds every
/// scope in <see cref="Scopes"/>. Routes ask for it with
/// <see cref="ScopeEndpointExtensions.RequireScope{TBuilder}"/>; <see cref="ScopeRefusal"/> answers 403
/// insufficient-scope when it fails.
/// </summary>
/// <param name="scopes">The scopes needed, all of them.</param>
public sealed class ScopeRequirement(ApiKeyScopes scopes) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    /// <summary>The scopes needed, all of them.</summary>
    public ApiKeyScopes Scopes { get; } = scopes;

    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity is IScopedCaller caller && (caller.Scopes & requirement.Scopes) == requirement.Scopes)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"ScopeRequirement: the caller holds {ApiKeyScopeNames.Format(Scopes)}";
}
