using EthGov.Api.Auth;
using EthGov.Application.ApiKeys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EthGov.Api.OpenApi;

/// <summary>
/// Shows on each operation whether it needs an API key and which scopes: an OpenAPI security requirement on the
/// ApiKey scheme listing the scopes (OpenAPI 3.1 allows role names there for non-OAuth schemes), and a sentence in the
/// description for readers of the API reference. Both come from the route's own authorization metadata.
/// </summary>
public static class ScopeDocumentation
{
    /// <summary>The security scheme's name in the document.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>Adds the requirement to <paramref name="operation"/> when its route needs a key.</summary>
    public static void Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<AuthorizationPolicy>().Any())
        {
            return;
        }

        var scopes = ApiKeyScopeNames.Names(ScopeEndpointExtensions.RequiredScopes(metadata));
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [.. scopes] }];
        var sentence = metadata.OfType<ChangeRequests.ApproverOnly>().Any() ? ChangeRequests.ApproverOnly.Sentence
            : scopes.Length == 0
            ? "Needs an API key of the department concerned (any scope), or a staff session of it."
            : $"Needs an API key with scope {string.Join(" and ", scopes.Select(s => $"`{s}`"))}, or a staff session whose roles include it (unsafe methods with the session's `X-CSRF-Token`); a caller without it gets 403 `insufficient-scope`.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? sentence : operation.Description + "\n\n" + sentence;
    }
}
