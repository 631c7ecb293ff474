using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Storage;
using EthGov.Core.Exchange;

namespace EthGov.Api.Exchanges;

/// <summary>Registers the grantee side of record exchanges: the store, the access-log worker and the exchange worker.</summary>
public static class ExchangesSetup
{
    /// <summary>Adds the exchange options (section <c>EthGov:Exchange</c>), store, evidence files and workers.</summary>
    public static IServiceCollection AddEthGovExchanges(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExchangeOptions>().Bind(configuration.GetSection(ExchangeOptions.SectionName))
            .Validate(o => o.LogInterval > TimeSpan.Zero && o.LogBatchSize >= 1 && o.MaxLogBatchEntries >= 1 && o.Concurrency >= 1
                && o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay && o.MaxReleaseBytes >= 1 && o.AnchorChecks >= 1,
                $"{ExchangeOptions.SectionName}: intervals and delays must be positive, sizes at least 1")
            .ValidateOnStart();
        services.AddSingleton(sp => new ExchangeStore(sp.GetRequiredService<Database>()));
        services.AddSingleton<ExchangeSignal>();
        services.AddSingleton<HolderNodes>();
        services.AddSingleton<Nodes.SignedNodePost>();
        services.AddSingleton<EvidenceFiles>();
        services.AddSingleton(_ => new ReleaseRecipientSessions());

        services.AddHostedService<AccessLogWorker>();
        services.AddHostedService<ExchangeWorker>();
        return services;
    }
}
