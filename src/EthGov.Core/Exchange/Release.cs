using System.Numerics;
using System.Text.Json.Serialization;
using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// A holder node's answer 200 to a <see cref="ReleaseRequest"/>: the content sealed with HPKE to the grantee's
/// published encryption key, under info <see cref="ReleaseContext.ReleaseInfo"/> (which binds the access entry and the
/// log root), with what the grantee needs to check it.
/// </summary>
/// <param name="GrantId">The grant.</param>
/// <param name="RecordId">The record (or the kind id of a kind query).</param>
/// <param name="RequestId">The grantee's request id.</param>
/// <param name="Holder">The holder department.</param>
/// <param name="ContentDigest">SHA-256 of the plaintext: the record id for a record, the answer's digest for a kind query.</param>
/// <param name="MediaType">The plaintext's media type (<c>application/json</c> for a kind query's answer).</param>
/// <param name="Enc">HPKE encapsulated key (base64 in JSON).</param>
/// <param name="Ciphertext">HPKE ciphertext (base64 in JSON).</param>
/// <param name="LogRoot">The access-log batch root the release rests on.</param>
/// <param name="LogBlock">The block that logged the root.</param>
/// <param name="ReleasedAt">When the holder journaled the release (a redelivery carries the first time).</param>
/// <remarks>A class-like record holding arrays: compare releases by their fields, not with <c>==</c>.</remarks>
public sealed record Release(
    [property: JsonConverter(typeof(GrantIdJsonConverter))] BigInteger GrantId,
    Digest RecordId,
    Digest RequestId,
    uint Holder,
    Digest ContentDigest,
    string MediaType,
    byte[] Enc,
    byte[] Ciphertext,
    Digest LogRoot,
    ulong LogBlock,
    DateTimeOffset ReleasedAt);
