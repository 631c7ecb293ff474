using EthGov.Application.ApiKeys;
using EthGov.Api.Staff;
using Microsoft.AspNetCore.Authorization;

namespace EthGov.Api.Auth;

/// <summary>How a route states the API key scopes it needs.</summary>
public static class ScopeEndpointExtensions
{
    /// <summary>
    /// Requires an API key holding every scope in <paramref name="scopes"/>: no key is 401 (a failed policy without an
    /// authenticated user is a challenge), a key without them 403 insufficient-scope. The policy names no scheme, so
    /// it checks the user the default scheme already authenticated instead of authenticating again. It is endpoint
    /// metadata, which is also how the OpenAPI document learns the scopes. A clerk's session passes the same check
    /// through the clerk's roles, and the clerk's action is written to the staff audit before the handler runs
    /// (<see cref="StaffAuditFilter"/>).
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, ApiKeyScopes scopes)
        where TBuilder : IEndpointConventionBuilder
        => builder.RequireAuthorization(new AuthorizationPolicyBuilder().AddRequirements(new ScopeRequirement(scopes)).Build())
            .AddEndpointFilter(StaffAuditFilter.InvokeAsync);

    /// <summary>The scopes an endpoint with <paramref name="metadata"/> needs (None when it needs none).</summary>
    public static ApiKeyScopes RequiredScopes(IEnumerable<object> metadata)
        => metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<ScopeRequirement>()
            .Aggregate(ApiKeyScopes.None, (all, r) => all | r.Scopes);
}
