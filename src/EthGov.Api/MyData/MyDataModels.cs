using EthGov.Api.Grants;
using EthGov.Core.Digests;

namespace EthGov.Api.MyData;

/// <summary>What this node holds about the signed-in citizen's records, and who used them, each item checked on chain.</summary>
/// <param name="PasskeyId">The passkey that signed in.</param>
/// <param name="SessionExpiresAt">When the session ends.</param>
/// <param name="Records">The records bound to that passkey here (at most <see cref="MyDataApi.MaxRecords"/>).</param>
/// <param name="Truncated">True when more records, grants or releases exist than one answer shows.</param>
public sealed record MyDataResponse(Digest PasskeyId, DateTimeOffset SessionExpiresAt, IReadOnlyList<MyRecord> Records, bool Truncated);

/// <summary>A department as "My data" names it.</summary>
/// <param name="Id">Its id in the registry.</param>
/// <param name="Code">Its code (its id as text when the chain lists none).</param>
/// <param name="Name">Its name, or empty.</param>
public sealed record MyDepartment(uint Id, string Code, string Name);

/// <summary>One record bound to the citizen's passkey.</summary>
/// <param name="RecordId">The record's digest.</param>
/// <param name="Kind">Its kind, or null.</param>
/// <param name="Holder">The department that issued and keeps it.</param>
/// <param name="Role"><c>self</c> or <c>guardian</c>: in which role the passkey stands for it.</param>
/// <param name="IssuedAt">When the holder kept it.</param>
/// <param name="Status">Its status on chain now: <c>valid</c>, <c>expired</c>, <c>revoked</c>, <c>superseded</c>, <c>key-compromised</c>, <c>unknown</c>, or <c>chain-unavailable</c>.</param>
/// <param name="ErasedAt">When its content was erased, or null.</param>
/// <param name="Grants">Grants that open it: legal-basis grants on it or on its kind, and consents given with this passkey.</param>
/// <param name="Accesses">Accesses logged one by one on chain (<c>logAccess</c>) under those grants.</param>
/// <param name="Releases">Every release of it in the holder's journal, each with its on-chain log.</param>
public sealed record MyRecord(
    Digest RecordId, string? Kind, MyDepartment Holder, string Role, DateTimeOffset IssuedAt, string Status, DateTimeOffset? ErasedAt,
    IReadOnlyList<MyGrant> Grants, IReadOnlyList<MyAccess> Accesses, IReadOnlyList<MyRelease> Releases);

/// <summary>A grant over the record, as the chain holds it now.</summary>
/// <param name="GrantId">The grant's id.</param>
/// <param name="Basis"><c>legal-basis</c>, <c>kind-legal-basis</c> or <c>passkey-consent</c>.</param>
/// <param name="Grantee">The department it opens the record to.</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="ExpiresAt">When it ends.</param>
/// <param name="Terms">Use, retention, fetches, revokers.</param>
/// <param name="State"><c>active</c>, <c>expired</c> or <c>revoked</c>.</param>
/// <param name="Revocable">True for an active consent this passkey gave through this node: the citizen can revoke it here.</param>
/// <param name="TransactionHash">The transaction that made it, as indexed.</param>
/// <param name="BlockNumber">Its block.</param>
public sealed record MyGrant(
    string GrantId, string Basis, MyDepartment Grantee, ushort Purpose, DateTimeOffset ExpiresAt, GrantTermsResponse Terms, string State, bool Revocable,
    string TransactionHash, ulong BlockNumber);

/// <summary>An access a grantee logged on chain on its own (<c>logAccess</c>).</summary>
/// <param name="GrantId">The grant.</param>
/// <param name="Grantee">The grantee department.</param>
/// <param name="At">The block's time.</param>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="BlockNumber">Its block.</param>
public sealed record MyAccess(string GrantId, MyDepartment Grantee, DateTimeOffset At, string TransactionHash, ulong BlockNumber);

/// <summary>A release of the record by the holder, with what the chain and the grantee's node say of its access log.</summary>
/// <param name="RequestId">The grantee's request.</param>
/// <param name="GrantId">The grant it was released under.</param>
/// <param name="Grantee">The department that received it.</param>
/// <param name="ReleasedAt">When.</param>
/// <param name="AcknowledgedAt">When the grantee acknowledged receiving it, or null.</param>
/// <param name="EntryHash">The access entry's hash: a leaf of the log root.</param>
/// <param name="LogRoot">The access-log batch root on chain.</param>
/// <param name="LogBlock">The block that logged it.</param>
/// <param name="Log">
/// The entry's on-chain log: <c>in-root</c> (the root is on chain, logged by the grantee, and the entry's proof leads to it),
/// <c>not-on-chain</c>, <c>other-department</c>, <c>not-in-root</c>, or <c>chain-unavailable</c>.
/// </param>
/// <param name="LogEntries">The root's entry count on chain, or null when the chain could not be read.</param>
/// <param name="Witness">
/// What the grantee's node answered for the root's entries: <c>complete</c> (as many entries as the chain counts, making the
/// root, this entry among them), <c>withholding</c> (another count or root), <c>unreachable</c> (no answer), or <c>unchecked</c>.
/// </param>
/// <param name="WitnessDetail">A sentence on that answer.</param>
public sealed record MyRelease(
    Digest RequestId, string GrantId, MyDepartment Grantee, DateTimeOffset ReleasedAt, DateTimeOffset? AcknowledgedAt, Digest EntryHash, Digest LogRoot,
    ulong LogBlock, string Log, uint? LogEntries, string Witness, string WitnessDetail);

/// <summary>The page posts what <c>navigator.credentials.get</c> returned for a revocation from "My data".</summary>
/// <param name="ClientDataJson">The response's clientDataJSON.</param>
/// <param name="AuthenticatorData">The response's authenticatorData.</param>
/// <param name="Signature">The response's signature (DER).</param>
public sealed record MyRevocationRequest(string? ClientDataJson, string? AuthenticatorData, string? Signature);
