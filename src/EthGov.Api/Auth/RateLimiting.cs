using System.Threading.RateLimiting;
using EthGov.Api.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace EthGov.Api.Auth;

/// <summary>
/// ASP.NET Core's rate limiter, partitioned by API key (by client address when anonymous); a refused request
/// gets a 429 problem with Retry-After.
/// </summary>
public static class RateLimiting
{
    /// <summary>Registers the limiter from <see cref="RateLimitOptions"/>.</summary>
    public static IServiceCollection AddEthGovRateLimiting(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var key = context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value;
                var perSecond = key is null ? limits.PermitsPerSecondAnonymous : limits.PermitsPerSecondPerKey;
                var partition = key is null ? "ip:" + context.Connection.RemoteIpAddress : "key:" + key;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, perSecond * limits.BurstSeconds),
                    TokensPerPeriod = Math.Max(1, perSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                var problem = Problems.Problems.Create(StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited,
                    "Too many requests for this API key", "the rate limit of this key was reached; retry after a second");
                await problem.ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
