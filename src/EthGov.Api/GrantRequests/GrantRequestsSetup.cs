using EthGov.Application.Storage;

namespace EthGov.Api.GrantRequests;

/// <summary>Registers grant requests between departments: options, store, signal and the worker that carries messages between nodes.</summary>
public static class GrantRequestsSetup
{
    /// <summary>Adds <see cref="GrantRequestOptions"/> (section <c>EthGov:GrantRequests</c>), the store and the worker.</summary>
    public static IServiceCollection AddEthGovGrantRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GrantRequestOptions>().Bind(configuration.GetSection(GrantRequestOptions.SectionName))
            .Validate(o => o.MaxOpenPerDepartment >= 1 && o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay && o.ApprovalTimeout > TimeSpan.Zero,
                $"{GrantRequestOptions.SectionName}: MaxOpenPerDepartment at least 1, delays and ApprovalTimeout positive")
            .ValidateOnStart();
        services.AddSingleton(sp => new GrantRequestStore(sp.GetRequiredService<Database>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<GrantRequestSignal>();
        services.AddSingleton(sp => new GrantRequestApprovals(
            sp.GetRequiredService<GrantRequestStore>(), sp.GetRequiredService<EthGov.Api.Indexing.IndexStore>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GrantRequestOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<GrantRequestWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<GrantRequestWorker>());
        return services;
    }
}
