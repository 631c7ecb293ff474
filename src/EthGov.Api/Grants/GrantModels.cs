using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Api.Grants;

/// <summary>The caller's department grants another department access to one record under a legal basis.</summary>
/// <param name="RecordId">The record's id (bytes32, for example the document's digest).</param>
/// <param name="GranteeDepartment">Code of the department that receives access.</param>
/// <param name="Purpose">Purpose code.</param>
/// <param name="ExpiresAt">When the access ends.</param>
/// <param name="LegalBasis">Digest of the legal basis text (bytes32).</param>
/// <param name="Terms">What the grant allows; when absent, <see cref="GrantTerms.Default"/>.</param>
public sealed record LegalBasisGrantRequest(string? RecordId, string? GranteeDepartment, int? Purpose, DateTimeOffset? ExpiresAt, string? LegalBasis, GrantTermsRequest? Terms = null);

/// <summary>The caller's department grants another department access, under a legal basis, to every record of a kind it issues.</summary>
/// <param name="Kind">The record kind's name, 1 to 40 characters of a-z, 0-9 and '-' (for example <c>birth-certificate</c>); its id goes on chain.</param>
/// <param name="GranteeDepartment">Code of the department that receives access.</param>
/// <param name="Purpose">Purpose code.</param>
/// <param name="ExpiresAt">When the access ends.</param>
/// <param name="LegalBasis">Digest of the legal basis text (bytes32).</param>
/// <param name="Terms">What the grant allows; when absent, <see cref="GrantTerms.Default"/>.</param>
public sealed record KindGrantRequest(string? Kind, string? GranteeDepartment, int? Purpose, DateTimeOffset? ExpiresAt, string? LegalBasis, GrantTermsRequest? Terms = null);

/// <summary>
/// What a grant allows. Every field is optional: <c>use</c> defaults to <c>store</c>; <c>retentionDays</c> to 30 for
/// store and 0 for view-once; <c>maxFetches</c> to 10; <c>revocableBy</c> to <c>["grantor"]</c>.
/// </summary>
/// <param name="Use"><c>view-once</c> (the grantee's node keeps nothing) or <c>store</c>.</param>
/// <param name="RetentionDays">Days the grantee may keep the record: 0 for view-once, 1 to 65535 for store.</param>
/// <param name="MaxFetches">How many times the grantee may fetch the record, 1 to 65535.</param>
/// <param name="RevocableBy">Who may revoke: any of <c>grantor</c> (the subject of a consent, or the grantor department) and <c>grantee</c>.</param>
public sealed record GrantTermsRequest(string? Use = null, int? RetentionDays = null, int? MaxFetches = null, IReadOnlyList<string>? RevocableBy = null);

/// <summary>What a grant allows, as the chain holds it.</summary>
/// <param name="Use">View once or store.</param>
/// <param name="RetentionDays">Days the grantee may keep the record.</param>
/// <param name="MaxFetches">How many times the grantee may fetch it.</param>
/// <param name="RevocableBy">Who may revoke the grant: <c>grantor</c>, <c>grantee</c>.</param>
public sealed record GrantTermsResponse(GrantUse Use, ushort RetentionDays, ushort MaxFetches, IReadOnlyList<string> RevocableBy)
{
    internal static GrantTermsResponse From(GrantTerms t) => new(t.Use, t.RetentionDays, t.MaxFetches, GrantTermsNames.Revokers(t.RevocableBy));
}

/// <summary>
/// A grant as the chain holds it; for a kind grant, <c>recordId</c> is the kind's id. <c>subject</c> names no one: the
/// passkey id of a passkey consent (the subject tag of a consent made by registry 2.4.0's EIP-712 path), null for a legal basis.
/// </summary>
public sealed record GrantResponse(string Id, Digest RecordId, uint GrantorDepartment, Digest? Subject, uint GranteeDepartment,
    ushort Purpose, DateTimeOffset ExpiresAt, GrantBasis Basis, bool Revoked, bool Valid, GrantTermsResponse Terms)
{
    internal static GrantResponse From(GrantInfo g) => new(g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), g.RecordId, g.GrantorDepartment, g.Subject, g.GranteeDepartment,
        g.Purpose, g.ExpiresAt, g.Basis, g.Revoked, g.Valid, GrantTermsResponse.From(g.Terms));
}

/// <summary>A grant just created.</summary>
/// <param name="GrantId">Its id.</param>
/// <param name="Url">Where to read it.</param>
/// <param name="TransactionHash">The transaction that created it.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="RecordId">The record it covers, or for a kind grant the kind's id.</param>
/// <param name="Terms">What it allows.</param>
public sealed record GrantCreatedResponse(string GrantId, string Url, string TransactionHash, ulong BlockNumber, Digest RecordId, GrantTermsResponse Terms);
