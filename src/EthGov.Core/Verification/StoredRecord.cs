using EthGov.Core.Digests;

namespace EthGov.Core.Verification;

/// <summary>
/// What the registry stores about one document, exactly as its <c>records</c> view returns it (a <c>RecordView</c>):
/// facts only, no status and no membership. For a single anchor every field is the department's record of the digest;
/// for a batch, <see cref="Anchored"/> to <see cref="KeyId"/> are the batch's and <see cref="Revoked"/> to
/// <see cref="Successor"/> the department's leaf record of the digest, which exists whether or not the digest is in
/// the batch: only a Merkle proof checked by the caller makes them the document's. Times are Unix seconds, 0 for none.
/// </summary>
/// <param name="Anchored">Whether the record (the single anchor, or the batch) exists.</param>
/// <param name="AnchoredAt">Timestamp of the anchoring block.</param>
/// <param name="AnchoredBlock">The anchoring block.</param>
/// <param name="ValidUntil">End of validity; 0 for none.</param>
/// <param name="DocumentCount">The batch's leaf count; 0 for a single anchor.</param>
/// <param name="KeyId">The department's id of the key that anchored it; 0 when not anchored.</param>
/// <param name="KeyCompromisedSince">When that key's reported compromise began; 0 when never reported.</param>
/// <param name="Revoked">Whether the department revoked the document.</param>
/// <param name="Superseded">Whether the department superseded the document.</param>
/// <param name="RevocationReason">The revocation's reason code.</param>
/// <param name="Successor">The superseding digest, or <see cref="Digest.Zero"/>.</param>
/// <param name="DepartmentStatus">The department's current standing.</param>
public readonly record struct StoredRecord(
    bool Anchored,
    ulong AnchoredAt,
    ulong AnchoredBlock,
    ulong ValidUntil,
    uint DocumentCount,
    ushort KeyId,
    ulong KeyCompromisedSince,
    bool Revoked,
    bool Superseded,
    ushort RevocationReason,
    Digest Successor,
    DepartmentStatus DepartmentStatus);
