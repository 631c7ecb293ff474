using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EthGov.Api.BulkJobs;

/// <summary>Registers bulk jobs; reads "EthGov:BulkJobs".</summary>
public static class BulkJobsSetup
{
    /// <summary>Adds the services and the validated options.</summary>
    public static IServiceCollection AddEthGovBulkJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BulkJobsOptions>().Bind(configuration.GetSection("EthGov:BulkJobs"))
            .Validate(o => o.MaxJobItems >= 1 && o.MaxChunkItems >= 1 && o.MaxOpenJobs >= 1 && o.MaxKeptJobs >= o.MaxOpenJobs,
                "EthGov:BulkJobs: every limit must be at least 1, and MaxKeptJobs at least MaxOpenJobs")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BulkJobStore>();
        services.AddSingleton<BulkChunkIntake>();
        return services;
    }
}
