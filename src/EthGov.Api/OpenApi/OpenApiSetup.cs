using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EthGov.Api.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json: the API key scheme and request examples.</summary>
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
                document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = Auth.ApiKeyAuthentication.HeaderName,
                    Description = "A department's API key (created with `ethgov apikey create --department <code>`).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (operation.OperationId is { } id && Examples.ForRequest(id) is { } example
                    && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = JsonNode.Parse(example);
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }
}
