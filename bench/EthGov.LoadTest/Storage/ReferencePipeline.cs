using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using EthGov.Application.ApiKeys;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EthGov.LoadTest.Storage;

/// <summary>
/// What every write to a node passes through before EthGov's own work, built from ASP.NET Core's parts alone, for the
/// reference endpoint's second form (<c>reference-server</c> with <see cref="KeyVariable"/> set): authentication by an
/// API key (its SHA-256 looked up among the keys, as the node's key store does), authorization by a scope claim, ASP.NET
/// Core's token-bucket rate limiter partitioned by key, and an answer with the document's status as JSON. No index, no
/// outbox, no chain. Measured beside the bare reference, it tells how much of the gap between the node and the bare
/// endpoint those parts of ASP.NET Core take before any of EthGov's code runs.
/// </summary>
internal static class ReferencePipeline
{
    /// <summary>The environment variable that carries the one API key the endpoint accepts.</summary>
    public const string KeyVariable = "ETHGOV_REFERENCE_KEY";

    private const string SchemeName = "ApiKey";
    private const string ScopeClaim = "ethgov:scope";
    private const string Anchor = "anchor";

    /// <summary>Registers the authentication, authorization and rate limiter for <paramref name="key"/>.</summary>
    public static IServiceCollection AddReferencePipeline(this IServiceCollection services, string key)
    {
        if (!ApiKeySecret.TryHash(key, out var hash))
        {
            throw new ArgumentException($"{KeyVariable} is not an API key");
        }

        services.AddSingleton(new ReferenceKeys(new Dictionary<Digest, string> { [hash] = "CIVIL" }));
        services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, ReferenceKeyAuthentication>(SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Anchor, p => p.RequireClaim(ScopeClaim, Anchor));
        services.AddRateLimiter(options => options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(context.User.Identity?.Name ?? "anonymous", _ => new TokenBucketRateLimiterOptions
            {
                // Raised as the node's limits are in the benchmark: the limiter's cost is measured, not its refusals.
                TokenLimit = 10_000_000,
                TokensPerPeriod = 10_000_000,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            })));
        return services;
    }

    /// <summary>The middleware, in the node's order: authentication, rate limiter, authorization.</summary>
    public static void UseReferencePipeline(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
    }

    /// <summary>The keys the endpoint knows, by the SHA-256 of the key, with their department.</summary>
    internal sealed record ReferenceKeys(IReadOnlyDictionary<Digest, string> Departments);

    private sealed class ReferenceKeyAuthentication(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ReferenceKeys keys)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers["X-Api-Key"].FirstOrDefault() is not { Length: > 0 } key)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            if (!ApiKeySecret.TryHash(key, out var hash) || !keys.Departments.TryGetValue(hash, out var department))
            {
                return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, department), new Claim(ScopeClaim, Anchor)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
