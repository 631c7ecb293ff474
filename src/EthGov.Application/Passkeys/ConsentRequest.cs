using System.Numerics;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Application.Passkeys;

/// <summary>What a department asks a record's passkey to consent to, and what became of it.</summary>
/// <param name="Id">Its row.</param>
/// <param name="RecordId">The record.</param>
/// <param name="Department">The department holding the record, whose node asks and relays.</param>
/// <param name="Grantee">The department that would receive access.</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="ExpiresAt">When the access would end (whole seconds, as the chain keeps it).</param>
/// <param name="Terms">Use, retention, fetches and who may revoke.</param>
/// <param name="ValidUntil">When the link stops working for a consent not given yet.</param>
/// <param name="Deadline">The deadline of the challenge handed out last, or null before the page asked.</param>
/// <param name="GrantId">The grant the chain recorded, or null before consent.</param>
/// <param name="RevokedAt">When the passkey revoked the consent, or null.</param>
public sealed record ConsentRequest(
    long Id, Digest RecordId, uint Department, uint Grantee, ushort Purpose, DateTimeOffset ExpiresAt, GrantTerms Terms, DateTimeOffset ValidUntil,
    DateTimeOffset? Deadline, BigInteger? GrantId, DateTimeOffset? RevokedAt);
