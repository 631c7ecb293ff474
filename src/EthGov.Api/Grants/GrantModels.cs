using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Api.Grants;

/// <summary>The caller's department grants another department access to one record under a legal basis.</summary>
/// <param name="RecordId">The record's id (bytes32, for example the document's digest).</param>
/// <param name="GranteeDepartment">Code of the department that receives access.</param>
/// <param name="Purpose">Purpose code.</param>
/// <param name="ExpiresAt">When the access ends.</param>
/// <param name="LegalBasis">Digest of the legal basis text (bytes32).</param>
public sealed record LegalBasisGrantRequest(string? RecordId, string? GranteeDepartment, int? Purpose, DateTimeOffset? ExpiresAt, string? LegalBasis);

/// <summary>A record's subject consented (EIP-712 <c>Consent</c>, signed by the subject); the caller's department relays it.</summary>
/// <param name="RecordId">The record's id (bytes32).</param>
/// <param name="GranteeDepartment">Code of the department that receives access.</param>
/// <param name="Purpose">Purpose code.</param>
/// <param name="ExpiresAt">When the access ends.</param>
/// <param name="Subject">The subject's address, which signed.</param>
/// <param name="Deadline">The signature's deadline.</param>
/// <param name="Signature">65-byte signature as 0x + 130 hex digits.</param>
public sealed record ConsentGrantRequest(string? RecordId, string? GranteeDepartment, int? Purpose, DateTimeOffset? ExpiresAt, string? Subject, DateTimeOffset? Deadline, string? Signature);

/// <summary>A grant as the chain holds it.</summary>
public sealed record GrantResponse(string Id, Digest RecordId, uint GrantorDepartment, string? Subject, uint GranteeDepartment,
    ushort Purpose, DateTimeOffset ExpiresAt, GrantBasis Basis, bool Revoked, bool Valid)
{
    internal static GrantResponse From(GrantInfo g) => new(g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), g.RecordId, g.GrantorDepartment, g.Subject, g.GranteeDepartment,
        g.Purpose, g.ExpiresAt, g.Basis, g.Revoked, g.Valid);
}

/// <summary>A grant just created.</summary>
/// <param name="GrantId">Its id.</param>
/// <param name="Url">Where to read it.</param>
/// <param name="TransactionHash">The transaction that created it.</param>
/// <param name="BlockNumber">The block that holds it.</param>
public sealed record GrantCreatedResponse(string GrantId, string Url, string TransactionHash, ulong BlockNumber);
