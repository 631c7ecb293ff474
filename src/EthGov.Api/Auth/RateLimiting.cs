using System.Threading.RateLimiting;
using EthGov.Api.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace EthGov.Api.Auth;

/// <summary>
/// ASP.NET Core's rate limiter, partitioned by API key or clerk (by client address when anonymous); a refused request
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
                // A clerk's session gets the budget of a key, partitioned by clerk.
                var caller = (context.User.Identity as IScopedCaller)?.CallerName;
                var perSecond = caller is null ? limits.PermitsPerSecondAnonymous : limits.PermitsPerSecondPerKey;
                var partition = caller is null ? "ip:" + context.Connection.RemoteIpAddress : caller;
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
                    "Too many requests for this API key", AuthTexts.TheRateLimitOfThisKey);
                await problem.ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
