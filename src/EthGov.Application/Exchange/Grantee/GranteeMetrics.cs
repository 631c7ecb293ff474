using System.Diagnostics.Metrics;
using EthGov.Core.Exchange;
using EthGov.Core.Telemetry;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// How the exchanges this node asked for ended, counted by <see cref="ExchangeStore"/> when one moves to a final state:
/// <c>result</c> verified, or refused with its <c>reason</c> (a refusal reason of the protocol, or <c>log-failed</c> when
/// the chain refused the access log for good; <c>other</c> for anything else, so that no holder's answer can add values).
/// </summary>
internal static class GranteeMetrics
{
    // The access-log worker's own reason when the chain refuses a log batch for good.
    private const string LogFailed = "log-failed";

    private static readonly Counter<long> s_finished = EthGovTelemetry.Meter.CreateCounter<long>(
        "ethgov.exchanges.grantee", "{exchange}", "Exchanges asked for by this node's departments that ended: verified, or refused and why");

    /// <summary><paramref name="count"/> exchanges were verified.</summary>
    public static void Verified(int count = 1)
    {
        if (count > 0)
        {
            s_finished.Add(count, new KeyValuePair<string, object?>("result", "verified"));
        }
    }

    /// <summary><paramref name="count"/> exchanges were refused for <paramref name="reason"/>.</summary>
    public static void Refused(string reason, int count = 1)
    {
        if (count > 0)
        {
            s_finished.Add(count,
                new KeyValuePair<string, object?>("result", "refused"),
                new KeyValuePair<string, object?>("reason", ExchangeRefusal.IsKnown(reason) || reason == LogFailed ? reason : "other"));
        }
    }
}
