using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EthGov.Api.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json: the API key scheme, request and response examples.</summary>
public static class OpenApiSetup
{
    /// <summary>Registers the document with EthGov's transformers.</summary>
    public static IServiceCollection AddEthGovOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "EthGov API",
                    Version = "v1",
                    Description = "Departments anchor document digests on an Ethereum chain, anyone verifies them, and cross-department access grants leave an audit trail.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ScopeDocumentation.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = Auth.ApiKeyAuthentication.HeaderName,
                    Description = "A department's API key (created with `ethgov apikey create --department <code> --scope <scopes>`). Each operation lists the scopes it needs: anchor, revoke, grants, governance, records, exchanges (and operator, for /metrics).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                ScopeDocumentation.Apply(operation, context);
                if (operation.OperationId is { } id && Examples.ForRequest(id) is { } example
                    && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = JsonNode.Parse(example);
                }

                // Errors vary in status, so handlers return ProblemHttpResult, which declares no response: document
                // them once as the default response of every API operation.
                if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
                {
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses.TryAdd("default", new OpenApiResponse
                    {
                        Description = "An RFC 7807 problem; its stable `type` says what went wrong (400 bad input, 401/403 key, 404 unknown, 409 state, 413 too large, 429 rate limit, 502/503 chain).",
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType() },
                    });
                }

                foreach (var (status, response) in operation.Responses ?? [])
                {
                    foreach (var (contentType, content) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
                    {
                        var body = contentType == "application/problem+json" ? Examples.Problem
                            : operation.OperationId is { } op ? Examples.ForResponse(op, status) : null;
                        if (body is not null && content is OpenApiMediaType media2)
                        {
                            media2.Example = JsonNode.Parse(body);
                        }
                    }
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }
}
