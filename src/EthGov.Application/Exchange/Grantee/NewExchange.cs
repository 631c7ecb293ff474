using System.Numerics;
using EthGov.Core.Digests;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>What an exchange is created with, all of it decided before it is written (the request id included).</summary>
/// <param name="Department">The grantee department.</param>
/// <param name="GrantId">The grant.</param>
/// <param name="RecordId">The record, or the kind id of a kind query.</param>
/// <param name="Holder">The holder department.</param>
/// <param name="RequestId">32 random bytes.</param>
/// <param name="EntryHash">The access entry's hash.</param>
/// <param name="Store">Whether the grant lets the content be kept.</param>
/// <param name="RetentionDays">For how long.</param>
public sealed record NewExchange(
    uint Department, BigInteger GrantId, Digest RecordId, uint Holder, Digest RequestId, Digest EntryHash, bool Store, int RetentionDays)
{
    /// <summary>The person identifier of a kind query, sealed to the holder (enc || ciphertext).</summary>
    public byte[]? SealedQuery { get; init; }

    /// <summary>SHA-256 of <see cref="SealedQuery"/>.</summary>
    public Digest? QueryDigest { get; init; }
}
