using EthGov.Application.Records;
using EthGov.Application.Storage;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Records;

/// <summary>Registers the record store when the node has a data key (<c>EthGov:DataKey</c>).</summary>
public static class RecordsSetup
{
    /// <summary>The data key's configuration key.</summary>
    public const string DataKeySetting = "EthGov:DataKey";

    /// <summary>
    /// Adds <see cref="RecordsOptions"/> (section <c>EthGov:Records</c>) and, when <c>EthGov:DataKey</c> is set, the node's
    /// <see cref="NodeDataKey"/>, the <see cref="RecordStore"/> and its retention sweeper. Without a data key the record
    /// routes answer 503 records-not-configured and everything else works as before.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data key cannot be loaded (the message says why).</exception>
    public static IServiceCollection AddEthGovRecords(this IServiceCollection services, IConfiguration configuration, ulong chainId)
    {
        services.AddOptions<RecordsOptions>().Bind(configuration.GetSection(RecordsOptions.SectionName))
            .Validate(o => o.MaxRecordBytes > 0, "EthGov:Records:MaxRecordBytes must be positive")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "EthGov:Records:SweepInterval must be positive")
            .ValidateOnStart();
        if (configuration[DataKeySetting] is not { Length: > 0 } spec)
        {
            return services;
        }

        NodeDataKey key;
        try
        {
            key = NodeDataKey.Load(spec, chainId);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{DataKeySetting}: {ex.Message}", ex);
        }

        services.AddSingleton(_ => key);
        services.AddSingleton(sp => new RecordStore(sp.GetRequiredService<Database>(), sp.GetRequiredService<NodeDataKey>(), sp.GetRequiredService<IOptions<RecordsOptions>>().Value));
        services.AddHostedService<RecordSweeper>();
        return services;
    }
}
