using EthGov.Api.Problems;
using EthGov.Application.Exchange.Grantee;
using EthGov.Core.Digests;

namespace EthGov.Api.Exchanges;

/// <summary>
/// Ask the holder's node for a record under a grant to the caller's department. <c>recordId</c> may be left out (the
/// grant names the record); <c>person</c> identifies whose records a kind grant is asked for (it travels sealed to the
/// holder and never reaches the chain); <c>holderDepartment</c> may name the department that holds the record of a consent
/// grant (otherwise the chain tells, through the departments' nodes for a record anchored in a batch).
/// </summary>
public sealed record CreateExchangeRequest(string? GrantId, string? RecordId, string? Person, string? HolderDepartment);

/// <summary>Where an exchange's log entry is on chain.</summary>
public sealed record ExchangeLogResponse(Digest Root, IReadOnlyList<Digest> Proof, string? TransactionHash, ulong? BlockNumber);

/// <summary>Links of an exchange.</summary>
public sealed record ExchangeLinks(string Self, string Content);

/// <summary>
/// An exchange: requested → logged → released → verified, or refused with a reason. <c>detail</c> says why it waits (in
/// the language the request's Accept-Language prefers, English or Chinese) or what a refusal found (as it was written).
/// </summary>
public sealed record ExchangeResponse(
    long Id,
    string State,
    string? Reason,
    string? Detail,
    string GrantId,
    Digest RecordId,
    uint HolderDepartment,
    Digest RequestId,
    bool KindQuery,
    string Use,
    ExchangeLogResponse? Log,
    Digest? ContentDigest,
    string? MediaType,
    DateTimeOffset? RetainUntil,
    bool ContentServed,
    bool ReceiptSent,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ExchangeLinks Links)
{
    /// <summary>The route of the exchanges.</summary>
    public const string Route = "/api/v1/exchanges/";

    /// <summary>The response for <paramref name="exchange"/>, its detail in <paramref name="language"/>.</summary>
    public static ExchangeResponse From(ExchangeRecord exchange, string language = ProblemLanguages.English)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var self = Route + exchange.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ExchangeResponse(
            exchange.Id,
            StateName(exchange.State),
            exchange.Reason,
            DetailIn(exchange, language),
            exchange.GrantId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            exchange.RecordId,
            exchange.Holder,
            exchange.RequestId,
            exchange.IsKindQuery,
            exchange.Store ? "store" : "view-once",
            exchange.LogRoot is { } root ? new ExchangeLogResponse(root, exchange.LogProof, exchange.LogTransaction, exchange.LogBlock) : null,
            exchange.ContentDigest,
            exchange.MediaType,
            exchange.RetainUntil,
            exchange.ContentServedAt is not null,
            exchange.ReceiptSentAt is not null,
            exchange.CreatedAt,
            exchange.UpdatedAt,
            new ExchangeLinks(self, self + "/content"));
    }

    // A wait is kept as a code (StoredError), and so is a refusal. An older node kept a refusal's sentence with the
    // holder's words in it: only the refusal codes are read in a refused exchange's detail, so a holder's words never
    // pass for another of the node's sentences.
    private static string? DetailIn(ExchangeRecord exchange, string language)
        => exchange.Detail is not { } detail ? null
            : exchange.State != ExchangeState.Refused || (StoredError.TryParse(detail, out var error) && StoredErrors.ExchangeRefusals.Contains(error.Code))
                ? StoredErrors.Render(detail, language)
                : StoredErrorTexts.AsStored.With(detail).In(language);

    /// <summary>The written name of a state: requested, logged, released, verified, refused.</summary>
    public static string StateName(ExchangeState state) => state.ToString().ToLowerInvariant();
}
