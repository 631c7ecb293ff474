using System.Numerics;
using EthGov.Chain.Bindings;
using EthGov.Core.Digests;

namespace EthGov.Chain.Registry;

/// <summary>An access grant: which department may read which record, why, until when, on what basis.</summary>
public sealed record GrantInfo(
    BigInteger Id, Digest RecordId, uint GrantorDepartment, string? Subject, uint GranteeDepartment,
    ushort Purpose, DateTimeOffset ExpiresAt, GrantBasis Basis, bool Revoked, bool Valid)
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    internal static GrantInfo From(BigInteger id, GrantTuple t, bool valid) => new(
        id, new Digest(t.RecordId), t.GrantorDepartment,
        string.Equals(t.Subject, ZeroAddress, StringComparison.OrdinalIgnoreCase) ? null : t.Subject,
        t.GranteeDepartment, t.Purpose, EthGov.Core.Verification.ChainTime.FromSeconds(t.ExpiresAt), (GrantBasis)t.Basis, t.Revoked, valid);
}

/// <summary>On what a grant rests.</summary>
public enum GrantBasis
{
    /// <summary>The holding department granted it under a legal basis.</summary>
    LegalBasis,

    /// <summary>The record's subject consented with an EIP-712 signature.</summary>
    SubjectConsent,
}
