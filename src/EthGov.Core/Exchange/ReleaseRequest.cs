using System.Numerics;
using System.Text.Json.Serialization;
using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// The body of <c>POST /api/v1/node/releases</c>: a grantee node asks a holder node to release a record (or to answer a
/// kind query) under a grant, showing where it logged the access on chain.
/// </summary>
/// <param name="GrantId">The grant.</param>
/// <param name="RecordId">The record, or for a kind query the kind's id.</param>
/// <param name="RequestId">The grantee's id of this request (32 random bytes).</param>
/// <param name="QueryDigest">For a kind query, SHA-256 of the sealed query (<see cref="SealedQuery.Digest"/>); null otherwise.</param>
/// <param name="SealedQuery">For a kind query, the person identifier sealed to the holder; null otherwise.</param>
/// <param name="Log">The access log entry's batch root and proof.</param>
public sealed record ReleaseRequest(
    [property: JsonConverter(typeof(GrantIdJsonConverter))] BigInteger GrantId,
    Digest RecordId,
    Digest RequestId,
    Digest? QueryDigest,
    SealedQuery? SealedQuery,
    LogInclusion Log)
{
    /// <summary>The access entry this request stands for, on the holder's chain and registry.</summary>
    public AccessEntry Entry(ulong chainId, string registry, uint holder, uint grantee) =>
        new(chainId, registry, GrantId, RecordId, holder, grantee, RequestId, QueryDigest ?? Digest.Zero);
}
