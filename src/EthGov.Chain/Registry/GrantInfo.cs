using System.Numerics;
using EthGov.Chain.Bindings;
using EthGov.Core.Digests;

namespace EthGov.Chain.Registry;

/// <summary>
/// An access grant: which department may read which record (or, for <see cref="GrantBasis.KindLegalBasis"/>, every record
/// of the kind <see cref="RecordId"/> names), why, until when, on what basis, and on which terms. <see cref="Subject"/> is
/// never an address: the passkey id of a passkey consent, null for a legal basis.
/// </summary>
public sealed record GrantInfo(
    BigInteger Id, Digest RecordId, uint GrantorDepartment, Digest? Subject, uint GranteeDepartment,
    ushort Purpose, DateTimeOffset ExpiresAt, GrantBasis Basis, bool Revoked, bool Valid, GrantTerms Terms)
{
    internal static GrantInfo From(BigInteger id, GrantTuple t, bool valid) => new(
        id, new Digest(t.RecordId), t.GrantorDepartment,
        new Digest(t.Subject) is { IsZero: false } subject ? subject : null,
        t.GranteeDepartment, t.Purpose, EthGov.Core.Verification.ChainTime.FromSeconds(t.ExpiresAt), (GrantBasis)t.Basis, t.Revoked, valid,
        GrantTerms.From(t.Terms));
}

/// <summary>On what a grant rests.</summary>
public enum GrantBasis
{
    /// <summary>The holding department granted it under a legal basis.</summary>
    LegalBasis,

    /// <summary>
    /// A consent signed by an Ethereum key (EIP-712), made by registry 2.4.0 and earlier only; registry 2.5.0 makes none and
    /// a holder releases nothing under one. Kept so that the numbers match the contract's enum.
    /// </summary>
    SubjectConsent,

    /// <summary>The grantor department granted every record of a kind it issues under a legal basis; the record id is the kind's id.</summary>
    KindLegalBasis,

    /// <summary>The record's subject consented with a passkey (WebAuthn); the grant's subject is the passkey id.</summary>
    PasskeyConsent,
}
