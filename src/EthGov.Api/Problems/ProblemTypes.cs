namespace EthGov.Api.Problems;

/// <summary>The problem type names of the API (appended to <see cref="Problems.BaseUri"/>).</summary>
public static class ProblemTypes
{
    /// <summary>Malformed body, query or route value.</summary>
    public const string InvalidRequest = "invalid-request";

    /// <summary>A digest that is not 0x + 64 hex digits.</summary>
    public const string InvalidDigest = "invalid-digest";

    /// <summary>A receipt that does not follow the receipt schema.</summary>
    public const string InvalidReceipt = "invalid-receipt";

    /// <summary>An upload larger than the configured limit.</summary>
    public const string UploadTooLarge = "upload-too-large";

    /// <summary>A request body larger than its endpoint reads (JSON bodies, see <c>EthGov:Documents:MaxJsonBodyBytes</c>).</summary>
    public const string RequestTooLarge = "request-too-large";

    /// <summary>A time the chain cannot hold: before 1970-01-01 (the chain counts seconds from then).</summary>
    public const string TimeOutOfRange = "time-out-of-range";

    /// <summary>A revocation reason that is neither a name nor a number of the published list (/api/v1/revocation-reasons).</summary>
    public const string UnknownRevocationReason = "unknown-revocation-reason";

    /// <summary>A grant's purpose that is not a number of the published list (/api/v1/purposes).</summary>
    public const string UnknownPurpose = "unknown-purpose";

    /// <summary>A CSV export of more rows than <c>EthGov:Documents:MaxExportRows</c>.</summary>
    public const string ExportTooLarge = "export-too-large";

    /// <summary>A paging cursor this list did not hand out.</summary>
    public const string InvalidCursor = "invalid-cursor";

    /// <summary>No API key, or one that is unknown or revoked.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>A staff sign-in refused: unknown name, wrong password, disabled or locked account (the answer does not say which).</summary>
    public const string SignInFailed = "sign-in-failed";

    /// <summary>An unsafe request in a staff session without the session's antiforgery token in the X-CSRF-Token header.</summary>
    public const string CsrfTokenInvalid = "csrf-token-invalid";

    /// <summary>A clerk signed in with a one-time password that must be changed before anything else.</summary>
    public const string PasswordChangeRequired = "password-change-required";

    /// <summary>A new staff password that is too short, too simple or holds the sign-in name.</summary>
    public const string PasswordRejected = "password-rejected";

    /// <summary>The department's provider vouched for a person, but no active clerk's account of the node is bound to them.</summary>
    public const string OidcSignInRefused = "oidc-sign-in-refused";

    /// <summary>An answer at the OpenID Connect callback that did not check out: wrong or replayed state, missing correlation, a token the provider did not sign.</summary>
    public const string OidcCallbackInvalid = "oidc-callback-invalid";

    /// <summary>Sign-in through an OpenID Connect provider was asked for, but the node has none configured.</summary>
    public const string OidcNotConfigured = "oidc-not-configured";

    /// <summary>The department's OpenID Connect provider could not be reached to start a sign-in.</summary>
    public const string OidcProviderUnavailable = "oidc-provider-unavailable";

    /// <summary>The staff audit could not be written, so the clerk's action was not done.</summary>
    public const string StaffAuditUnavailable = "staff-audit-unavailable";

    /// <summary>A key of one department acting for another.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>An API key tried to approve or refuse a change request: keys are machines, not a second person.</summary>
    public const string ApprovalNeedsClerk = "approval-needs-clerk";

    /// <summary>A clerk without the approver role tried to approve or refuse a change request.</summary>
    public const string ApproverRequired = "approver-required";

    /// <summary>A clerk tried to approve their own change request.</summary>
    public const string OwnChangeRequest = "own-change-request";

    /// <summary>No change request with that id for the caller's department.</summary>
    public const string ChangeRequestNotFound = "change-request-not-found";

    /// <summary>A change request already approved or refused.</summary>
    public const string ChangeRequestDecided = "change-request-decided";

    /// <summary>A revocation or supersession asked while another request for the same document waits.</summary>
    public const string ChangeRequestOpen = "change-request-open";

    /// <summary>An API key without a scope the operation needs (<c>anchor</c>, <c>revoke</c>, <c>grants</c>, <c>governance</c>).</summary>
    public const string InsufficientScope = "insufficient-scope";

    /// <summary>The key's department is suspended.</summary>
    public const string DepartmentSuspended = "department-suspended";

    /// <summary>The per-key rate limit was exceeded.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>A digest that another department asked to anchor.</summary>
    public const string AnchoredByAnotherDepartment = "anchored-by-another-department";

    /// <summary>The chain refused the document's anchor.</summary>
    public const string AnchorFailed = "anchor-failed";

    /// <summary>The document is still waiting for its anchor.</summary>
    public const string NotYetAnchored = "not-yet-anchored";

    /// <summary>A department acting on a document another department issued.</summary>
    public const string NotIssuingDepartment = "not-issuing-department";

    /// <summary>A document of the registry 1.x a migrated deployment took over from: it can be revoked, not superseded.</summary>
    public const string LegacyDocumentNotSupersedable = "legacy-document-not-supersedable";

    /// <summary>The digest is unknown to the outbox.</summary>
    public const string DocumentNotFound = "document-not-found";

    /// <summary>A department code the registry does not know.</summary>
    public const string DepartmentNotFound = "department-not-found";

    /// <summary>The outbox could not store the request.</summary>
    public const string OutboxUnavailable = "outbox-unavailable";

    /// <summary>The node's store could not be reached (a database restarting, failing over, out of connections): try again.</summary>
    public const string StoreUnavailable = "store-unavailable";

    /// <summary>The chain could not be reached.</summary>
    public const string ChainUnavailable = "chain-unavailable";

    /// <summary>The node refused a request for a reason other than a contract error.</summary>
    public const string ChainRejected = "chain-rejected";

    /// <summary>The index found the chain reset (another genesis); answers from it would be stale.</summary>
    public const string ChainReset = "chain-reset";

    /// <summary>The department's signer stopped sending because another process sends with its key.</summary>
    public const string SignerStopped = "signer-stopped";

    /// <summary>This replica of the node does not hold the replica lease, so it sends no transaction; the holder does.</summary>
    public const string NotLeaseHolder = "not-lease-holder";

    /// <summary>A proposal deadline that has passed or lies more than 30 days ahead.</summary>
    public const string InvalidDeadline = "invalid-deadline";

    /// <summary>A grant expiry that has passed or lies more than 366 days ahead.</summary>
    public const string InvalidExpiry = "invalid-expiry";

    /// <summary>A department granting access to itself.</summary>
    public const string SelfGrant = "self-grant";

    /// <summary>Grant terms the registry would refuse (see <c>GrantTerms</c>).</summary>
    public const string InvalidTerms = "invalid-terms";

    /// <summary>A record kind name that is not 1 to 40 characters of a-z, 0-9 and '-'.</summary>
    public const string InvalidRecordKind = "invalid-record-kind";

    /// <summary>A new key's consent that is malformed, or not that key's consent to join the caller's department now.</summary>
    public const string InvalidConsent = "invalid-consent";

    /// <summary>A compromise time before 1970 or in the future.</summary>
    public const string InvalidCompromisedSince = "invalid-compromised-since";

    /// <summary>A route that does not exist.</summary>
    public const string NotFound = "not-found";

    /// <summary>A route that exists, asked with a method it does not answer.</summary>
    public const string MethodNotAllowed = "method-not-allowed";

    /// <summary>A body in a content type the endpoint does not read.</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>A digest already anchored or queued; also the type of the registry's AlreadyAnchored error (<see cref="ChainProblems"/>).</summary>
    public const string AlreadyAnchored = "already-anchored";

    /// <summary>A validUntil that has passed; the type of the registry's InvalidValidUntil error too.</summary>
    public const string InvalidValidUntil = "invalid-valid-until";

    /// <summary>Any unexpected failure; details are in the server log, never in the answer.</summary>
    public const string Internal = "internal-error";

    /// <summary>No exchange with this id belongs to the key's department.</summary>
    public const string ExchangeNotFound = "exchange-not-found";

    /// <summary>The exchange's content is not verified yet (or the exchange was refused).</summary>
    public const string ExchangeNotVerified = "exchange-not-verified";

    /// <summary>A verified exchange whose evidence file is not in this replica's evidence folder.</summary>
    public const string EvidenceNotFound = "evidence-not-found";

    /// <summary>The exchange's content was served once (view once), its retention passed, or it was erased.</summary>
    public const string ContentGone = "content-gone";

    /// <summary>No department can be found that holds the record of a consent grant; name it with holderDepartment.</summary>
    public const string HolderUnknown = "holder-unknown";

    /// <summary>The holder department publishes no node on chain, so no node can be asked.</summary>
    public const string HolderHasNoNode = "holder-has-no-node";

    /// <summary>This node has no node key (EthGov:NodeKey): it can neither sign requests to other nodes nor open what they send.</summary>
    public const string NodeKeyMissing = "node-key-missing";
}
