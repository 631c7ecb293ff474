using EthGov.Api.Grants;
using EthGov.Core.Digests;

namespace EthGov.Api.Consents;

/// <summary>A department asks the passkey bound to a record it holds to consent to another department's access.</summary>
/// <param name="RecordId">The record (kept and issued by the caller's department on this node, bound to a passkey).</param>
/// <param name="GranteeDepartment">Code of the department that would receive access.</param>
/// <param name="Purpose">Purpose code.</param>
/// <param name="ExpiresAt">When the access would end (at most 366 days ahead).</param>
/// <param name="Terms">Use, retention, fetches and revokers; a consent stays revocable by its subject.</param>
public sealed record CreateConsentRequest(string? RecordId, string? GranteeDepartment, int? Purpose, DateTimeOffset? ExpiresAt, GrantTermsRequest? Terms = null);

/// <summary>A consent request just made: the link (or its QR code) to give the citizen.</summary>
/// <param name="Token">The request's token, shown once.</param>
/// <param name="ConsentUrl">The holder's page with the token in its fragment.</param>
/// <param name="ValidUntil">When the link stops working if no consent was given.</param>
public sealed record ConsentRequestCreatedResponse(string Token, string ConsentUrl, DateTimeOffset ValidUntil);

/// <summary>A department as the consent page names it.</summary>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
public sealed record ConsentDepartment(string Code, string Name);

/// <summary>What a consent request asks, in the terms the page shows, and where it stands.</summary>
/// <param name="RecordId">The record.</param>
/// <param name="Kind">The record's kind, or null.</param>
/// <param name="Holder">The department that holds it.</param>
/// <param name="Grantee">The department that would receive it.</param>
/// <param name="Purpose">Purpose code.</param>
/// <param name="PurposeName">Its name on the published list (<c>GET /api/v1/purposes</c>), which the page titles in its language; null for an unlisted code.</param>
/// <param name="ExpiresAt">When the access would end.</param>
/// <param name="Terms">Use, retention, fetches, revokers.</param>
/// <param name="ValidUntil">When the link stops working before consent.</param>
/// <param name="State"><c>asked</c>, <c>granted</c>, <c>revoked</c> or <c>expired</c>.</param>
/// <param name="GrantId">The grant, once given.</param>
public sealed record ConsentRequestView(
    Digest RecordId, string? Kind, ConsentDepartment Holder, ConsentDepartment Grantee, ushort Purpose, string? PurposeName, DateTimeOffset ExpiresAt,
    GrantTermsResponse Terms, DateTimeOffset ValidUntil, string State, string? GrantId);

/// <summary>The challenge for the request's next step, for <c>navigator.credentials.get</c>.</summary>
/// <param name="Action"><c>consent</c> or <c>revocation</c>.</param>
/// <param name="Challenge">The EIP-712 digest the registry will recompute, in base64url.</param>
/// <param name="Deadline">After it the chain refuses the assertion.</param>
/// <param name="RpId">The relying party id.</param>
/// <param name="CredentialId">The bound passkey's credential id, base64url (for allowCredentials).</param>
public sealed record ConsentChallengeResponse(string Action, string Challenge, DateTimeOffset Deadline, string RpId, string CredentialId);

/// <summary>What <c>navigator.credentials.get</c> returned (base64url).</summary>
/// <param name="ClientDataJson">The response's clientDataJSON.</param>
/// <param name="AuthenticatorData">The response's authenticatorData.</param>
/// <param name="Signature">The response's signature (DER).</param>
public sealed record ConsentAssertionRequest(string? ClientDataJson, string? AuthenticatorData, string? Signature);

/// <summary>The chain recorded the consent (or its revocation).</summary>
/// <param name="Action"><c>consent</c> or <c>revocation</c>.</param>
/// <param name="GrantId">The grant.</param>
/// <param name="Url">Where to read it.</param>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="BlockNumber">Its block.</param>
public sealed record ConsentRecordedResponse(string Action, string GrantId, string Url, string TransactionHash, ulong BlockNumber);
