using Microsoft.AspNetCore.Authorization;

namespace EthGov.Api.Auth;

/// <summary>Succeeds a <see cref="ScopeRequirement"/> when the caller's API key holds its scopes.</summary>
public sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity is ApiKeyIdentity identity && identity.Key.Has(requirement.Scopes))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
