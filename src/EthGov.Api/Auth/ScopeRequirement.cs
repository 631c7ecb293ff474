using Microsoft.AspNetCore.Authorization;

namespace EthGov.Api.Auth;

/// <summary>
/// An authorization requirement: the request's API key holds every scope in <see cref="Scopes"/>. Routes ask for it
/// with <see cref="ScopeEndpointExtensions.RequireScope{TBuilder}"/>; <see cref="ScopeRequirementHandler"/> checks it
/// and <see cref="ScopeRefusal"/> answers 403 insufficient-scope when it fails.
/// </summary>
/// <param name="Scopes">The scopes needed, all of them.</param>
public sealed record ScopeRequirement(ApiKeyScopes Scopes) : IAuthorizationRequirement;
