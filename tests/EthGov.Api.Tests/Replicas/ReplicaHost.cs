using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Storage;
using EthGov.Testing;

namespace EthGov.Api.Tests.Replicas;

/// <summary>Test hosts that act as replicas of one node on one PostgreSQL database, with a lease that moves within seconds.</summary>
internal static class ReplicaHost
{
    /// <summary>
    /// A replica on <paramref name="store"/>: the lease renewed every 250 ms and lost 1.5 s after its last renewal, the
    /// other replicas' rows read every 100 ms; <paramref name="more"/> adds or overrides settings.
    /// </summary>
    public static Task<ApiHost> StartAsync(DevChain chain, StorageOptions store, IDictionary<string, string?>? more = null, CapturedLogs? logs = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["EthGov:Storage:Provider"] = store.Provider,
            ["EthGov:Storage:ConnectionString"] = store.ConnectionString,
            ["EthGov:Replicas:RenewInterval"] = "00:00:00.250",
            ["EthGov:Replicas:LeaseDuration"] = "00:00:01.500",
            ["EthGov:Replicas:PollInterval"] = "00:00:00.100",
        };
        foreach (var (name, value) in more ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        return ApiHost.StartAsync(chain, settings, logs: logs);
    }
}
