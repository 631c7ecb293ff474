using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// What a grantee's node keeps of one release so that anyone can check it later against the chain: the access entry,
/// where it was logged, the signed request as sent, the holder's signed response (its header fields and body digest),
/// the content's digest and the records released. Never the content, nor a person identifier in clear (a kind query's
/// person travels sealed to the holder, and the request body holds only that sealed form). Read and written by
/// <see cref="EvidenceJson"/> only.
/// </summary>
/// <param name="Entry">The access entry the release rests on.</param>
/// <param name="EntryHash">The entry's hash as the grantee stated it (an auditor recomputes it from <paramref name="Entry"/>).</param>
/// <param name="Log">Where the entry was logged.</param>
/// <param name="Request">The signed request as it went to the holder.</param>
/// <param name="Response">The holder's signed answer.</param>
/// <param name="ContentDigest">SHA-256 of the plaintext released: the record id, or a kind query's answer digest.</param>
/// <param name="Records">The records released: the record id, or each record of a kind query's answer.</param>
public sealed record ExchangeEvidence(
    AccessEntry Entry,
    Digest EntryHash,
    EvidenceLog Log,
    EvidenceRequest Request,
    EvidenceResponse Response,
    Digest ContentDigest,
    IReadOnlyList<Digest> Records)
{
    /// <summary>The format written in the file's <c>format</c> member.</summary>
    public const string Format = "ethgov-evidence/1";

    /// <summary>Where the holder anchored each released record (batch root and proof), when the grantee's node knew it.</summary>
    public IReadOnlyList<EvidenceAnchor> Anchors { get; init; } = [];

    /// <summary>
    /// When and why the release's content was erased, or null while it is kept. Once erased, a kind query's request body
    /// (the sealed person query) is gone and only its digest is kept (<see cref="EvidenceRequest.BodyDigest"/>).
    /// </summary>
    public ContentErasure? Erasure { get; init; }

    /// <summary>Whether the release answered a kind query (a query digest in the entry).</summary>
    public bool IsKindQuery => !Entry.QueryDigest.IsZero;
}
