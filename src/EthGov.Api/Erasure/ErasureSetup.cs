using EthGov.Api.Exchanges;
using EthGov.Application.Exchange.Erasure;
using EthGov.Application.Storage;

namespace EthGov.Api.Erasure;

/// <summary>Registers erasure across nodes: the holder's notices and their worker, the grantee's erasure and its sweeper.</summary>
public static class ErasureSetup
{
    /// <summary>Adds <see cref="ErasureOptions"/> (section <c>EthGov:Erasure</c>), the stores, and the two workers.</summary>
    public static IServiceCollection AddEthGovErasure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ErasureOptions>().Bind(configuration.GetSection(ErasureOptions.SectionName))
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay && o.CatchUpInterval > TimeSpan.Zero
                && o.SweepInterval > TimeSpan.Zero && o.UnviewedDays >= 1,
                $"{ErasureOptions.SectionName}: intervals and delays must be positive, UnviewedDays at least 1")
            .ValidateOnStart();
        services.AddSingleton(sp => new ErasureNoticeStore(sp.GetRequiredService<Database>()));
        services.AddSingleton(sp => new ReceivedErasureStore(sp.GetRequiredService<Database>()));
        services.AddSingleton<EvidenceErasure>();
        services.AddSingleton(sp => new GranteeErasure(
            sp.GetRequiredService<Application.Exchange.Grantee.ExchangeStore>(), sp.GetRequiredService<ReceivedErasureStore>(),
            sp.GetRequiredService<EvidenceErasure>(), sp));
        services.AddSingleton<ErasureNoticeWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ErasureNoticeWorker>());
        services.AddSingleton<GranteeRetentionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<GranteeRetentionSweeper>());
        return services;
    }
}
