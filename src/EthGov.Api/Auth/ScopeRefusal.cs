using EthGov.Application.ApiKeys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace EthGov.Api.Auth;

/// <summary>
/// Answers a caller (key or clerk) that lacks a route's scope with 403 insufficient-scope, naming the scopes needed and those the key
/// holds; every other authorization outcome goes to ASP.NET Core's default handling (401 through the scheme's challenge).
/// </summary>
public sealed class ScopeRefusal : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc />
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault() is { } missing)
        {
            var held = context.User.Identity as IScopedCaller;
            var needed = policy.Requirements.OfType<ScopeRequirement>().Aggregate(missing.Scopes, (all, r) => all | r.Scopes);
            return Problems.Problems.InsufficientScope(needed, held?.Scopes ?? ApiKeyScopes.None, held?.CallerName).ExecuteAsync(context);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
