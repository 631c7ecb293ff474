using System.Diagnostics.Metrics;
using EthGov.Core.Exchange;
using EthGov.Core.Telemetry;

namespace EthGov.Application.Exchange.Holder;

/// <summary>
/// How this node answered other nodes as a holder, counted by <see cref="ReleaseService"/>: <c>request</c> release or
/// receipts (one answer per body of receipts), <c>result</c> the kind of answer (released, acknowledged, refused, invalid, busy) and, for a
/// refusal, its <c>reason</c> (a refusal reason of the protocol, a closed set).
/// </summary>
internal static class HolderMetrics
{
    /// <summary>The <c>request</c> tag of a release request.</summary>
    public const string Release = "release";

    /// <summary>The <c>request</c> tag of a body of receipts.</summary>
    public const string Receipts = "receipts";

    private static readonly Counter<long> s_answers = EthGovTelemetry.Meter.CreateCounter<long>(
        "ethgov.exchanges.holder", "{answer}", "Answers this node gave other nodes' release requests and receipts, by result and refusal reason");

    /// <summary>Counts <paramref name="answer"/> to a <paramref name="request"/>; returns it.</summary>
    public static HolderAnswer Answered(string request, HolderAnswer answer)
    {
        if (!s_answers.Enabled)
        {
            return answer;
        }

        var kind = new KeyValuePair<string, object?>("request", request);
        var result = new KeyValuePair<string, object?>("result", ResultName(answer.Kind));
        if (answer.Refusal is { } refusal)
        {
            s_answers.Add(1, kind, result, new KeyValuePair<string, object?>("reason", ExchangeRefusal.IsKnown(refusal.Reason) ? refusal.Reason : "other"));
        }
        else
        {
            s_answers.Add(1, kind, result);
        }

        return answer;
    }

    private static string ResultName(HolderAnswerKind kind) => kind switch
    {
        HolderAnswerKind.Released => "released",
        HolderAnswerKind.Acknowledged => "acknowledged",
        HolderAnswerKind.Refused => "refused",
        HolderAnswerKind.Invalid => "invalid",
        _ => "busy",
    };
}
