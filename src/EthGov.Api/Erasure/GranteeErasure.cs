using System.Globalization;
using System.Text.Json;
using EthGov.Application.Exchange.Erasure;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Records;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;

namespace EthGov.Api.Erasure;

/// <summary>
/// Erases what the grantee's node keeps of a record it obtained: the copy in its record store (a tombstone keeps the
/// digest, and stands in for a copy still on its way), the answer of a kind query that listed it, and the content of the
/// evidence files (<see cref="EvidenceErasure"/>). It acts on a holder's notice only for exchanges whose holder is the
/// department that signed it, so no other department can erase what a holder released.
/// </summary>
public sealed class GranteeErasure(
    ExchangeStore exchanges, ReceivedErasureStore erasures, EvidenceErasure evidence, IServiceProvider services, TimeProvider? time = null)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Acts on <paramref name="notice"/>, whose signature by <paramref name="signer"/>'s published node key was checked:
    /// erases the grantee's copies of the record from the exchanges with that holder. Repeating a notice is harmless and
    /// is answered with the first erasure.
    /// </summary>
    public async Task<GranteeErasureOutcome> ApplyAsync(ErasureNotice notice, uint signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Holder != signer)
        {
            return GranteeErasureOutcome.Refused(new ExchangeRefusal(ExchangeRefusal.NotHolder,
                $"the notice names department {notice.Holder} as the holder, and department {signer} signed it"));
        }

        if (services.GetService<RecordStore>() is not { } records)
        {
            return GranteeErasureOutcome.NotConfigured;
        }

        var matched = new List<ExchangeRecord>();
        foreach (var id in erasures.CandidateExchanges(notice.Grantee, signer, notice.RecordId))
        {
            if (exchanges.Get(id) is not { } exchange)
            {
                continue;
            }

            if (exchange.RecordId == notice.RecordId || await KindAnswerHoldsAsync(records, exchange, notice.RecordId, cancellationToken))
            {
                matched.Add(exchange);
            }
        }

        if (matched.Count == 0)
        {
            return GranteeErasureOutcome.NothingHeld;
        }

        foreach (var exchange in matched)
        {
            var exchangeId = exchange.Id.ToString(CultureInfo.InvariantCulture);
            await records.EraseReceivedAsync(notice.RecordId, notice.Grantee, exchangeId, cancellationToken);
            if (exchange.IsKindQuery && exchange.ContentDigest is { } answer)
            {
                // The answer as a whole lists the record: it goes with it (the other records it listed stay kept on their own).
                await records.EraseReceivedAsync(answer, notice.Grantee, exchangeId, cancellationToken);
            }

            erasures.MarkExchangeErased(exchange.Id, ReceivedErasureStore.ByHolder);
            var erasedAt = erasures.ExchangeErasure(exchange.Id)?.ErasedAt ?? _time.GetUtcNow();
            await evidence.EraseAsync(exchange, ReceivedErasureStore.ByHolder, erasedAt, cancellationToken);
        }

        var done = erasures.Add(new ReceivedErasure(
            notice.RecordId, signer, notice.Grantee, notice.ErasedAt, _time.GetUtcNow(), [.. matched.Select(e => e.RequestId)]));
        return GranteeErasureOutcome.Erased(done);
    }

    /// <summary>
    /// Erases every copy that <paramref name="exchange"/> brought (the content it was verified with, and for a kind query
    /// each record its answer listed), and the content of its evidence file, for <paramref name="cause"/>; false when it
    /// was erased before.
    /// </summary>
    public async Task<bool> EraseExchangeAsync(ExchangeRecord exchange, string cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (services.GetService<RecordStore>() is not { } records || erasures.ExchangeErasure(exchange.Id) is not null)
        {
            return false;
        }

        var exchangeId = exchange.Id.ToString(CultureInfo.InvariantCulture);
        var digests = new HashSet<Digest>(erasures.RecordsOfExchange(exchangeId));
        if (exchange.ContentDigest is { } content)
        {
            digests.Add(content);
            if (exchange.IsKindQuery)
            {
                digests.UnionWith(await ListedAsync(records, content, cancellationToken));
            }
        }

        foreach (var digest in digests)
        {
            await records.EraseReceivedAsync(digest, exchange.Department, exchangeId, cancellationToken);
        }

        if (!erasures.MarkExchangeErased(exchange.Id, cause))
        {
            return false;
        }

        await evidence.EraseAsync(exchange, cause, erasures.ExchangeErasure(exchange.Id)!.Value.ErasedAt, cancellationToken);
        return true;
    }

    // A verified kind query holds the record when the record came with it (its copy names the exchange), or when its answer,
    // still kept, lists it.
    private async Task<bool> KindAnswerHoldsAsync(RecordStore records, ExchangeRecord exchange, Digest recordId, CancellationToken cancellationToken)
    {
        if (!exchange.IsKindQuery || exchange.ContentDigest is not { } answer)
        {
            return false;
        }

        if (erasures.RecordsOfExchange(exchange.Id.ToString(CultureInfo.InvariantCulture)).Contains(recordId))
        {
            return true;
        }

        return (await ListedAsync(records, answer, cancellationToken)).Contains(recordId);
    }

    private static async Task<IReadOnlyList<Digest>> ListedAsync(RecordStore records, Digest answer, CancellationToken cancellationToken)
    {
        if ((await records.GetAsync(answer, cancellationToken))?.Content is not { } content)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<KindQueryItem[]>(content, s_json)?.Select(i => i.Digest).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>What <see cref="GranteeErasure.ApplyAsync"/> did with a holder's notice.</summary>
/// <param name="Erasure">The erasure recorded (the first, when the notice came before), when copies were erased.</param>
/// <param name="Refusal">Why the notice was refused, when it was.</param>
/// <param name="IsNothingHeld">True when the grantee has no exchange of the record from that holder.</param>
/// <param name="IsNotConfigured">True when this node keeps no records (no data key).</param>
public sealed record GranteeErasureOutcome(ReceivedErasure? Erasure, ExchangeRefusal? Refusal, bool IsNothingHeld, bool IsNotConfigured)
{
    /// <summary>No exchange of the record from that holder.</summary>
    public static GranteeErasureOutcome NothingHeld { get; } = new(null, null, true, false);

    /// <summary>This node keeps no records.</summary>
    public static GranteeErasureOutcome NotConfigured { get; } = new(null, null, false, true);

    /// <summary>Copies erased.</summary>
    public static GranteeErasureOutcome Erased(ReceivedErasure erasure) => new(erasure, null, false, false);

    /// <summary>Refused.</summary>
    public static GranteeErasureOutcome Refused(ExchangeRefusal refusal) => new(null, refusal, false, false);
}
