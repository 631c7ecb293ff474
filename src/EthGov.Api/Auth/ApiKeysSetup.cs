using EthGov.Application.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace EthGov.Api.Auth;

/// <summary>Registers caller authentication (API keys; staff sessions come from <c>AddEthGovStaff</c>), scope authorization and the key store with its refresher.</summary>
public static class ApiKeysSetup
{
    /// <summary>Adds the services; reads "EthGov:ApiKeys" from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddEthGovApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiKeyOptions>(configuration.GetSection("EthGov:ApiKeys"));
        services.AddAuthentication(CallerAuthentication.SchemeName)
            .AddPolicyScheme(CallerAuthentication.SchemeName, null, caller =>
            {
                caller.ForwardDefaultSelector = CallerAuthentication.Select;
                caller.ForwardChallenge = ApiKeyAuthentication.SchemeName;
                caller.ForwardForbid = ApiKeyAuthentication.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeRefusal>();
        services.AddSingleton<ApiKeyTable>();
        services.AddSingleton<ApiKeyStore>();
        services.AddHostedService<ApiKeyRefresher>();
        return services;
    }
}
