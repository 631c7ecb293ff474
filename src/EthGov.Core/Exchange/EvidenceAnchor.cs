using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// Where the holder anchored a released record, as the grantee's node found it when it checked the record: the batch
/// root and the record's proof in it, or no root for a single anchor (or one found without a stated proof). With it an auditor checks the anchor on chain
/// alone, without asking the holder's node for the proof.
/// </summary>
/// <param name="Record">The record's digest.</param>
/// <param name="Root">The holder's batch root, or null for a single anchor or when no proof was stated.</param>
/// <param name="Proof">The record's proof in <paramref name="Root"/> (empty for a single anchor).</param>
public sealed record EvidenceAnchor(Digest Record, Digest? Root, IReadOnlyList<Digest> Proof);
