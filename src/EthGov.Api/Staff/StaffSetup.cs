using EthGov.Application.Staff;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EthGov.Api.Staff;

/// <summary>Registers staff accounts, sign-in, sessions, antiforgery and the staff audit.</summary>
public static class StaffSetup
{
    /// <summary>Adds the services; reads "EthGov:Staff" from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddEthGovStaff(this IServiceCollection services, IConfiguration configuration, Uri? publicBaseUrl)
    {
        var section = configuration.GetSection("EthGov:Staff");
        services.Configure<StaffOptions>(section);
        var staff = section.Get<StaffOptions>() ?? new StaffOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new StaffPasswords());
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<StaffSignIn>();
        services.AddSingleton<StaffAudit>();

        // Session cookies and antiforgery tokens are protected with keys kept in the node's store, so sessions survive a
        // restart, every replica of the node reads the same keys, and two nodes never accept each other's cookies.
        services.AddDataProtection().SetApplicationName("EthGov");
        services.AddSingleton<SessionKeyRing>();
        services.AddOptions<KeyManagementOptions>().Configure<SessionKeyRing>((keys, ring) => keys.XmlRepository = ring);
        services.AddHostedService<FirstSessionKey>();
        var authentication = services.AddAuthentication().AddCookie(StaffSession.SchemeName, cookie => StaffSession.Configure(cookie, staff));

        // Sign-in through the department's OpenID Connect provider, when one is configured (off by default).
        var oidcSection = section.GetSection("Oidc");
        services.Configure<StaffOidcOptions>(oidcSection);
        var oidc = oidcSection.Get<StaffOidcOptions>() ?? new StaffOidcOptions();
        if (oidc.IsConfigured)
        {
            if (StaffOidc.Problem(oidc) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            authentication.AddOpenIdConnect(StaffOidc.SchemeName, options => StaffOidc.Configure(options, oidc, publicBaseUrl));
        }

        var https = publicBaseUrl?.Scheme == Uri.UriSchemeHttps;
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = StaffSession.CsrfHeader;
            antiforgery.Cookie.Name = https ? "__Host-ethgov-csrf" : "ethgov-csrf";
            antiforgery.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.Path = "/";
        });
        return services;
    }

    /// <summary>Adds the checks of requests made in a clerk's session (<see cref="StaffRequestGuard"/>); after authentication.</summary>
    public static IApplicationBuilder UseStaffSessions(this IApplicationBuilder app) => app.UseMiddleware<StaffRequestGuard>();
}
