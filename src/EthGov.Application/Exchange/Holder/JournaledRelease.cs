using System.Numerics;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Holder;

/// <summary>
/// One release as the holder's journal keeps it: the access entry it answered, the log it rested on, and the sealed
/// answer itself, so that a retry of the same entry before its receipt gets the very same bytes (one log, one release).
/// </summary>
/// <param name="EntryHash">The access entry's hash (unique: an entry is released once).</param>
/// <param name="RequestId">The grantee's request id (unique per grantee).</param>
/// <param name="GrantId">The grant.</param>
/// <param name="RecordId">The record, or the kind id of a kind query.</param>
/// <param name="Holder">The holder department.</param>
/// <param name="Grantee">The grantee department.</param>
/// <param name="QueryDigest">The sealed query's digest of a kind query, else null.</param>
/// <param name="LogRoot">The access-log batch root.</param>
/// <param name="LogBlock">The block that logged it.</param>
/// <param name="ContentDigest">SHA-256 of the plaintext released.</param>
/// <param name="MediaType">The plaintext's media type.</param>
/// <param name="Enc">The HPKE encapsulated key.</param>
/// <param name="Ciphertext">The HPKE ciphertext.</param>
/// <param name="ReleasedAt">When it was journaled.</param>
/// <param name="AcknowledgedAt">When the grantee's receipt arrived, or null.</param>
public sealed record JournaledRelease(
    Digest EntryHash,
    Digest RequestId,
    BigInteger GrantId,
    Digest RecordId,
    uint Holder,
    uint Grantee,
    Digest? QueryDigest,
    Digest LogRoot,
    ulong LogBlock,
    Digest ContentDigest,
    string MediaType,
    byte[] Enc,
    byte[] Ciphertext,
    DateTimeOffset ReleasedAt,
    DateTimeOffset? AcknowledgedAt)
{
    /// <summary>The access entry's proof in <see cref="LogRoot"/>, as the grantee showed it (kept for audits).</summary>
    public IReadOnlyList<Digest> LogProof { get; init; } = [];

    /// <summary>False for a release journaled before proofs were kept: its inclusion cannot be rechecked from the journal.</summary>
    public bool HasLogProof { get; init; } = true;

    /// <summary>True once the grantee acknowledged it: the entry's log is used up.</summary>
    public bool IsAcknowledged => AcknowledgedAt is not null;

    /// <summary>True once the holder erased the record and dropped this release's sealed copy of it.</summary>
    public bool IsErased => Ciphertext.Length == 0;

    /// <summary>The answer as it goes to the grantee.</summary>
    public Release ToRelease() =>
        new(GrantId, RecordId, RequestId, Holder, ContentDigest, MediaType, Enc, Ciphertext, LogRoot, LogBlock, ReleasedAt);
}
