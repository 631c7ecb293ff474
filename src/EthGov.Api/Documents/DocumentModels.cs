using EthGov.Core.Digests;
using EthGov.Core.Receipts;

namespace EthGov.Api.Documents;

/// <summary>Asks to anchor one document by its SHA-256 digest.</summary>
/// <param name="Digest">0x + 64 hex digits.</param>
/// <param name="ValidUntil">End of validity; absent for no expiry.</param>
/// <param name="FileName">The file's name, kept on the node to find the document again (never on chain).</param>
/// <param name="Reference">The department's own reference for it, kept on the node.</param>
/// <param name="Kind">What sort of document it is, kept on the node.</param>
public sealed record AnchorRequest(string? Digest, DateTimeOffset? ValidUntil, string? FileName = null, string? Reference = null, string? Kind = null);

/// <summary>Asks to anchor up to 10,000 documents at once; one invalid digest refuses the whole request.</summary>
/// <param name="Digests">0x + 64 hex digits each.</param>
/// <param name="ValidUntil">End of validity for all of them; absent for no expiry.</param>
/// <param name="Reference">A reference for all of them (a register or run number), kept on the node.</param>
/// <param name="Kind">What sort of documents they are, kept on the node.</param>
public sealed record AnchorBatchRequest(string[]? Digests, DateTimeOffset? ValidUntil, string? Reference = null, string? Kind = null);

/// <summary>A batch request stored in the outbox.</summary>
/// <param name="Accepted">Digests stored by this request.</param>
/// <param name="AlreadyKnown">Digests the outbox already held for the department (idempotent repeats).</param>
/// <param name="StatusUrlTemplate">Where each document's status is, with <c>{digest}</c> to fill in.</param>
public sealed record AnchorBatchResponse(int Accepted, int AlreadyKnown, string StatusUrlTemplate);

/// <summary>Revokes a document.</summary>
/// <param name="Reason">
/// A reason of the published list (<c>GET /api/v1/revocation-reasons</c>), by name (<c>"fraud"</c>) or by number (<c>4</c>).
/// </param>
/// <param name="Proof">
/// The document's batch proof, as its link carries it (base64url of the sibling hashes), when this node did not anchor it.
/// </param>
/// <param name="Receipt">The document's receipt, when this node did not anchor it; it gives the batch and the proof.</param>
/// <param name="Note">A note for the department's records, at most 200 characters: kept on the node, never sent to the chain.</param>
public sealed record RevokeRequest(System.Text.Json.JsonElement? Reason, string? Proof = null, System.Text.Json.JsonElement? Receipt = null, string? Note = null);

/// <summary>Replaces a document by a newer one, anchored at once as a single document.</summary>
/// <param name="NewDigest">The replacing document's digest.</param>
/// <param name="ValidUntil">The replacing document's end of validity; absent for no expiry.</param>
/// <param name="Proof">The replaced document's batch proof, when this node did not anchor it (see <see cref="RevokeRequest"/>).</param>
/// <param name="Receipt">The replaced document's receipt, when this node did not anchor it.</param>
/// <param name="Note">A note for the department's records (see <see cref="RevokeRequest"/>).</param>
public sealed record SupersedeRequest(string? NewDigest, DateTimeOffset? ValidUntil, string? Proof = null, System.Text.Json.JsonElement? Receipt = null, string? Note = null);

/// <summary>Where a document is on its way to the chain, and its receipt once anchored.</summary>
/// <param name="Digest">The document's digest.</param>
/// <param name="Status"><c>pending</c> (in the outbox), <c>anchored</c> (confirmed on chain) or <c>failed</c> (refused by the chain).</param>
/// <param name="Department">Code of the department that asked for the anchor.</param>
/// <param name="AcceptedAt">When the API stored the request.</param>
/// <param name="StatusUrl">This resource.</param>
/// <param name="Error">Why the chain refused it, when failed, in the language the request's Accept-Language prefers (English or Chinese).</param>
/// <param name="Receipt">The receipt, when anchored.</param>
public sealed record DocumentStatusResponse(Digest Digest, string Status, string? Department, DateTimeOffset AcceptedAt, string StatusUrl, string? Error, Receipt? Receipt);

/// <summary>A confirmed transaction made for the caller.</summary>
/// <param name="TransactionHash">Its hash.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="BlockTime">That block's time.</param>
public sealed record TransactionResponse(string TransactionHash, ulong BlockNumber, DateTimeOffset BlockTime);
