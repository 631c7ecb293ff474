using System.Collections.Frozen;

namespace EthGov.Core.Exchange;

/// <summary>
/// Why an exchange was refused: one of the reasons the protocol names (its slug), and a sentence saying what was found.
/// The slug is the RFC 7807 problem type's last segment on the holder's answer and the exchange's <c>reason</c> on the
/// grantee's side; <see cref="Status"/> and <see cref="IsRetryable"/> come from the slug, so both nodes agree on them.
/// </summary>
/// <param name="Reason">The slug, one of the constants of this type.</param>
/// <param name="Detail">What was found, in a sentence (never key material, never a person identifier).</param>
public sealed record ExchangeRefusal(string Reason, string Detail)
{
    /// <summary>The problem types' common prefix (the API's own), the slug following it.</summary>
    public const string TypePrefix = "https://ethgov.dev/problems/";

    /// <summary>The grant does not exist (404).</summary>
    public const string NoGrant = "no-grant";

    /// <summary>The grant has expired.</summary>
    public const string GrantExpired = "grant-expired";

    /// <summary>The grant was revoked.</summary>
    public const string GrantRevoked = "grant-revoked";

    /// <summary>The grant names another grantee than the signer's department.</summary>
    public const string NotGrantee = "not-grantee";

    /// <summary>The grant was not made by this holder (legal basis) or the record is not this holder's (consent).</summary>
    public const string NotHolder = "not-holder";

    /// <summary>The grant does not cover the record asked for.</summary>
    public const string RecordNotCovered = "record-not-covered";

    /// <summary>The grantee department is not active.</summary>
    public const string GranteeSuspended = "grantee-suspended";

    /// <summary>The signing key is not the one the signer's department publishes on chain (401).</summary>
    public const string UnknownNodeKey = "unknown-node-key";

    /// <summary>The request's signature is missing, malformed, expired or does not verify (401).</summary>
    public const string InvalidSignature = "invalid-signature";

    /// <summary>The request's nonce was seen before (409).</summary>
    public const string ReplayedRequest = "replayed-request";

    /// <summary>The access log entry already served an acknowledged release (409).</summary>
    public const string LogReused = "log-reused";

    /// <summary>The log root is not on chain, not the grantee's, or the entry is not in it.</summary>
    public const string LogNotFound = "log-not-found";

    /// <summary>The log root is on chain but not yet confirmed by enough blocks (409, retryable).</summary>
    public const string LogNotConfirmed = "log-not-confirmed";

    /// <summary>The record is revoked (or otherwise no longer valid) on chain.</summary>
    public const string RecordRevoked = "record-revoked";

    /// <summary>The holder keeps no content for the record (404).</summary>
    public const string RecordNotHeld = "record-not-held";

    /// <summary>The record's content was erased (410).</summary>
    public const string RecordErased = "record-erased";

    /// <summary>The grant's fetches are used up.</summary>
    public const string FetchLimitReached = "fetch-limit-reached";

    /// <summary>The consent was not signed by the record's subject.</summary>
    public const string ConsentNotBySubject = "consent-not-by-subject";

    /// <summary>The node cannot read the chain, so it releases nothing (503, retryable).</summary>
    public const string ChainUnavailable = "chain-unavailable";

    /// <summary>The released content does not match its record (grantee side only).</summary>
    public const string TamperedContent = "tampered-content";

    private static readonly FrozenDictionary<string, (int Status, bool Retryable, string Title)> s_reasons =
        new Dictionary<string, (int, bool, string)>(StringComparer.Ordinal)
        {
            [NoGrant] = (404, false, "No such grant"),
            [GrantExpired] = (403, false, "Grant expired"),
            [GrantRevoked] = (403, false, "Grant revoked"),
            [NotGrantee] = (403, false, "Not the grantee"),
            [NotHolder] = (403, false, "Not the holder"),
            [RecordNotCovered] = (403, false, "Record not covered by the grant"),
            [GranteeSuspended] = (403, false, "Grantee department not active"),
            [UnknownNodeKey] = (401, false, "Unknown node key"),
            [InvalidSignature] = (401, false, "Invalid signature"),
            [ReplayedRequest] = (409, false, "Replayed request"),
            [LogReused] = (409, false, "Access log already used"),
            [LogNotFound] = (403, false, "Access log not found"),
            [LogNotConfirmed] = (409, true, "Access log not confirmed yet"),
            [RecordRevoked] = (403, false, "Record revoked"),
            [RecordNotHeld] = (404, false, "Record not held"),
            [RecordErased] = (410, false, "Record erased"),
            [FetchLimitReached] = (403, false, "Fetch limit reached"),
            [ConsentNotBySubject] = (403, false, "Consent not by the record's subject"),
            [ChainUnavailable] = (503, true, "Chain unavailable"),
            [TamperedContent] = (403, false, "Tampered content"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every reason the protocol names.</summary>
    public static IReadOnlyCollection<string> Reasons => s_reasons.Keys;

    /// <summary>The reason's slug, checked.</summary>
    /// <exception cref="ArgumentException">The slug is not one the protocol names.</exception>
    public string Reason { get; init; } = IsKnown(Reason) ? Reason : throw new ArgumentException($"'{Reason}' is not an exchange refusal reason.", nameof(Reason));

    /// <summary>The HTTP status a holder answers with.</summary>
    public int Status => s_reasons[Reason].Status;

    /// <summary>True when the same request may succeed later (the grantee retries it); false when it never will.</summary>
    public bool IsRetryable => s_reasons[Reason].Retryable;

    /// <summary>The RFC 7807 problem type.</summary>
    public string Type => TypePrefix + Reason;

    /// <summary>The RFC 7807 problem title.</summary>
    public string Title => s_reasons[Reason].Title;

    /// <summary>True for a slug the protocol names.</summary>
    public static bool IsKnown(string? reason) => reason is not null && s_reasons.ContainsKey(reason);

    /// <summary>The slug of a problem type, when it is one of the protocol's.</summary>
    public static bool TryReasonOfType(string? type, out string reason)
    {
        reason = string.Empty;
        if (type is null || !type.StartsWith(TypePrefix, StringComparison.Ordinal) || !IsKnown(type[TypePrefix.Length..]))
        {
            return false;
        }

        reason = type[TypePrefix.Length..];
        return true;
    }
}
