using System.Text.Json;
using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Api.Verification;

/// <summary>What to verify: a digest, a receipt, or both (the receipt's digest is used when no digest is given).</summary>
/// <param name="Digest">0x + 64 hex digits.</param>
/// <param name="Receipt">A receipt as issued by EthGov (JSON object).</param>
public sealed record VerifyRequest(string? Digest, JsonElement? Receipt);

/// <summary>The verdict on a document, with every check and the chain state it was read at.</summary>
/// <param name="Digest">The digest verified.</param>
/// <param name="Outcome">valid, unknown, revoked, expired, superseded, key-compromised or mismatch.</param>
/// <param name="Checks">The checks of EthGov.Core's verifier, in order.</param>
/// <param name="Chain">Where and when the facts were read.</param>
/// <param name="Department">The issuing department's code, when anchored.</param>
/// <param name="FileDigest">The uploaded file's digest, when a file was given.</param>
/// <param name="Facts">What the chain says about the document, field by field (the checks say it in sentences).</param>
public sealed record VerifyResponse(Digest Digest, VerdictOutcome Outcome, IReadOnlyList<VerificationCheck> Checks, ChainReadAt Chain, string? Department, Digest? FileDigest, DocumentFacts Facts);

/// <summary>The document's facts as read from the chain at <see cref="VerifyResponse.Chain"/>; absent values are null.</summary>
/// <param name="Status">The status the registry derives.</param>
/// <param name="DepartmentId">The issuing department's id, when anchored.</param>
/// <param name="DepartmentName">Its name.</param>
/// <param name="DepartmentStatus">Its current standing.</param>
/// <param name="AnchoredAt">The anchoring block's time.</param>
/// <param name="AnchoredBlock">The anchoring block.</param>
/// <param name="ValidUntil">End of validity; null when the document does not expire.</param>
/// <param name="RevocationReason">The reason code, when revoked.</param>
/// <param name="Successor">The newer document, when superseded.</param>
/// <param name="BatchRoot">The Merkle root the document was verified under, when it was anchored in a batch.</param>
/// <param name="TransactionHash">The anchoring transaction named by the receipt or this API's record, once the chain confirmed it.</param>
public sealed record DocumentFacts(
    DocumentStatus Status, uint? DepartmentId, string? DepartmentName, DepartmentStatus? DepartmentStatus,
    DateTimeOffset? AnchoredAt, ulong? AnchoredBlock, DateTimeOffset? ValidUntil, ushort? RevocationReason,
    Digest? Successor, Digest? BatchRoot, Digest? TransactionHash)
{
    /// <summary>When the key that anchored the document was reported compromised, if it was.</summary>
    public DateTimeOffset? KeyCompromisedSince { get; init; }

    /// <summary>
    /// The name of <see cref="RevocationReason"/> on the published list (<c>GET /api/v1/revocation-reasons</c>), when revoked
    /// with a listed code; null for a code nobody listed.
    /// </summary>
    public string? RevocationReasonName { get; init; }
}

/// <summary>The chain state a verdict rests on.</summary>
/// <param name="ChainId">The chain read.</param>
/// <param name="Registry">The registry read.</param>
/// <param name="Block">The block the facts were read at.</param>
/// <param name="BlockTime">That block's time (expiry is judged by it).</param>
public sealed record ChainReadAt(ulong ChainId, string Registry, ulong Block, DateTimeOffset BlockTime);
