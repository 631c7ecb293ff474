using System.Diagnostics.Metrics;
using EthGov.Chain.Abi;
using EthGov.Core.Telemetry;

namespace EthGov.Chain.Transactions;

/// <summary>
/// What <see cref="TransactionSender"/> counts for every registry transaction, tagged with the contract function
/// (<c>function</c>, the message type's name): transactions sent, transactions that failed (<c>stage</c> send, before
/// the transaction reached the node, or confirm, after; <c>error</c> the kind of failure) and gas used by confirmed ones.
/// </summary>
internal static class TransactionMetrics
{
    private static readonly Counter<long> s_sent = EthGovTelemetry.Meter.CreateCounter<long>(
        "ethgov.transactions.sent", "{transaction}", "Transactions signed and handed to the chain node");

    private static readonly Counter<long> s_failed = EthGovTelemetry.Meter.CreateCounter<long>(
        "ethgov.transactions.failed", "{transaction}", "Transactions that did not end confirmed: refused before sending, or sent and then reverted, replaced or timed out");

    private static readonly Counter<long> s_gas = EthGovTelemetry.Meter.CreateCounter<long>(
        "ethgov.transactions.gas", "{gas}", "Gas used by confirmed transactions");

    /// <summary>A transaction of <paramref name="function"/> reached the node.</summary>
    public static void Sent(string function) => s_sent.Add(1, new KeyValuePair<string, object?>("function", function));

    /// <summary>A transaction of <paramref name="function"/> ended confirmed, using <paramref name="gasUsed"/>.</summary>
    public static void Confirmed(string function, ulong gasUsed)
        => s_gas.Add((long)Math.Min(gasUsed, long.MaxValue), new KeyValuePair<string, object?>("function", function));

    /// <summary>A transaction of <paramref name="function"/> failed at <paramref name="stage"/> with <paramref name="error"/>.</summary>
    public static void Failed(string function, string stage, ChainError error)
    {
        if (s_failed.Enabled)
        {
            s_failed.Add(1,
                new KeyValuePair<string, object?>("function", function),
                new KeyValuePair<string, object?>("stage", stage),
                new KeyValuePair<string, object?>("error", KindName(error.Kind)));
        }
    }

    // Names of a closed set, never the revert's own name or message: a tag's values must stay few.
    private static string KindName(ChainErrorKind kind) => kind switch
    {
        ChainErrorKind.Reverted => "reverted",
        ChainErrorKind.Unavailable => "unavailable",
        _ => "rejected",
    };
}
