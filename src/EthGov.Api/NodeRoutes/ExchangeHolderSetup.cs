using EthGov.Api.Departments;
using EthGov.Api.Outbox;
using EthGov.Api.Receipts;
using EthGov.Api.Signers;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Nodes;
using EthGov.Application.Passkeys;
using EthGov.Application.Records;
using EthGov.Application.Storage;
using EthGov.Chain.Blocks;
using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using EthGov.Core.Exchange;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EthGov.Api.NodeRoutes;

/// <summary>Registers the holder side of the exchange: checks, chain reads per block, nonce cache, journal and release service.</summary>
public static class ExchangeHolderSetup
{
    /// <summary>
    /// Adds <see cref="ExchangeOptions"/> (section <c>EthGov:Exchange</c>) and the holder's services. They are built on first
    /// use, and only when the node has its node key and its record store; without them the node routes answer 503.
    /// </summary>
    public static IServiceCollection AddEthGovExchangeHolder(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExchangeOptions>().Bind(configuration.GetSection(ExchangeOptions.SectionName))
            .Validate(o => o.LogConfirmations >= 0, "EthGov:Exchange:LogConfirmations must not be negative")
            .Validate(o => o.MaxRequestBytes > 0, "EthGov:Exchange:MaxRequestBytes must be positive")
            .Validate(o => o.NonceCapacity > 0, "EthGov:Exchange:NonceCapacity must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp => new NonceCache(sp.GetRequiredService<IOptions<ExchangeOptions>>().Value.NonceCapacity));
        services.AddSingleton(sp => new ReleaseJournal(sp.GetRequiredService<Database>()));
        services.AddSingleton<IRecordAnchors, OutboxRecordAnchors>();
        services.TryAddSingleton(sp => new PasskeyBindingStore(sp.GetRequiredService<Database>()));
        services.AddSingleton(sp =>
        {
            var chain = sp.GetRequiredService<IOptions<ChainOptions>>().Value;
            return new HolderChainReads(sp.GetRequiredService<DepartmentDirectory>().Reader, new BlockReader(chain), chain.MaxReadAge);
        });
        services.AddSingleton(sp =>
        {
            var deployment = sp.GetRequiredService<Deployment>();
            var directory = sp.GetRequiredService<DepartmentDirectory>();
            var signers = sp.GetRequiredService<DepartmentSigners>();
            return new HolderNode(deployment.ChainId, deployment.Registry, sp.GetRequiredService<NodeKeys>(), async (id, cancellationToken) =>
            {
                var found = await directory.FindAsync(id, cancellationToken);
                return found.IsSuccess && found.Value is { } department && signers.For(department.Code) is not null;
            });
        });
        services.AddSingleton(sp => new ReleaseChecks(
            sp.GetRequiredService<HolderNode>(), sp.GetRequiredService<HolderChainReads>(), sp.GetRequiredService<RecordStore>(),
            sp.GetRequiredService<ReleaseJournal>(), sp.GetRequiredService<NonceCache>(), sp.GetRequiredService<IRecordAnchors>(),
            sp.GetRequiredService<IOptions<ExchangeOptions>>().Value, sp.GetRequiredService<PasskeyBindingStore>()));
        services.AddSingleton(_ => new ReleaseSenderSessions());
        services.AddSingleton(sp => new ReleaseService(
            sp.GetRequiredService<ReleaseChecks>(), sp.GetRequiredService<ReleaseJournal>(), sp.GetRequiredService<RecordStore>(),
            sessions: sp.GetRequiredService<ReleaseSenderSessions>()));
        return services;
    }
}
