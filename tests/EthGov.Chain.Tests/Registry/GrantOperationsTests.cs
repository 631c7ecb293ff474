using System.Security.Cryptography;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Core.Digests;
using EthGov.Core.Records;
using EthGov.Testing;

namespace EthGov.Chain.Tests.Registry;

/// <summary>Registry 2.2.0's grant terms, kind grants and access batches through <see cref="GrantOperations"/>, on a Hardhat node.</summary>
public class GrantOperationsTests(DevChain chain) : IClassFixture<DevChain>
{
    private const uint Health = 2;
    private const uint Civil = 1;
    private static readonly GrantTerms s_viewOnceBothSides = new(GrantUse.ViewOnce, 0, 3, GrantRevokers.Grantor | GrantRevokers.Grantee);

    private static Digest NewDigest() => new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task GrantAsync_WithTerms_GetAsyncReturnsTheTermsAndTheRestUnchanged()
    {
        var record = NewDigest();
        (await chain.ClientFor(1).Documents.AnchorAsync(record)).Unwrap();

        var (_, grantId) = (await chain.ClientFor(1).Grants.GrantAsync(record, Digest.Zero, [], Health, 7, DateTimeOffset.UtcNow.AddDays(1), NewDigest(), s_viewOnceBothSides)).Unwrap();

        var grant = (await chain.Reader().Grants.GetAsync(grantId)).Unwrap();
        Assert.Equal(s_viewOnceBothSides, grant.Terms);
        Assert.Equal((record, Civil, Health, (ushort)7, GrantBasis.LegalBasis, true), (grant.RecordId, grant.GrantorDepartment, grant.GranteeDepartment, grant.Purpose, grant.Basis, grant.Valid));
    }

    [Fact]
    public async Task GrantAsync_InvalidTerms_FailsWithDecodedInvalidTerms()
    {
        var record = NewDigest();
        (await chain.ClientFor(1).Documents.AnchorAsync(record)).Unwrap();

        var sent = await chain.ClientFor(1).Grants.GrantAsync(
            record, Digest.Zero, [], Health, 7, DateTimeOffset.UtcNow.AddDays(1), NewDigest(), new GrantTerms(GrantUse.ViewOnce, 5, 1, GrantRevokers.Grantor));

        Assert.Equal("InvalidTerms", sent.Error?.Name);
    }

    [Fact]
    public async Task GrantKindAsync_KindId_IsAKindLegalBasisGrantWhoseRecordIdIsTheKind()
    {
        var kind = RecordKind.Id("birth-certificate");

        var (_, grantId) = (await chain.ClientFor(1).Grants.GrantKindAsync(kind, Health, 12, DateTimeOffset.UtcNow.AddDays(1), NewDigest(), GrantTerms.Default)).Unwrap();

        var grant = (await chain.Reader().Grants.GetAsync(grantId)).Unwrap();
        Assert.Equal((kind, GrantBasis.KindLegalBasis, Civil, Health, GrantTerms.Default), (grant.RecordId, grant.Basis, grant.GrantorDepartment, grant.GranteeDepartment, grant.Terms));
    }

    [Fact]
    public async Task GrantKindAsync_ToTheOwnDepartment_FailsWithSelfGrant()
    {
        var sent = await chain.ClientFor(1).Grants.GrantKindAsync(RecordKind.Id("birth-certificate"), Civil, 12, DateTimeOffset.UtcNow.AddDays(1), NewDigest(), GrantTerms.Default);

        Assert.Equal("SelfGrant", sent.Error?.Name);
    }

    [Fact]
    public async Task RevokeAsync_ByTheGrantee_SucceedsOnlyWhenTheTermsNameTheGrantee()
    {
        var renounceable = await LegalGrantAsync(s_viewOnceBothSides);
        var grantorOnly = await LegalGrantAsync(GrantTerms.Default);

        var renounced = await chain.ClientFor(2).Grants.RevokeAsync(renounceable);
        var refused = await chain.ClientFor(2).Grants.RevokeAsync(grantorOnly);

        Assert.True(renounced.IsSuccess, renounced.Error?.ToString());
        Assert.False((await chain.Reader().Grants.GetAsync(renounceable)).Unwrap().Valid);
        Assert.Equal("NotRevoker", refused.Error?.Name);
        Assert.True((await chain.Reader().Grants.GetAsync(grantorOnly)).Unwrap().Valid);
    }

    [Fact]
    public async Task LogAccessBatchAsync_ThenGetAccessBatchAsync_ReturnsDepartmentBlockAndEntries()
    {
        var root = NewDigest();

        var outcome = (await chain.ClientFor(2).Grants.LogAccessBatchAsync(root, 1000)).Unwrap();

        var batch = (await chain.Reader().Grants.GetAccessBatchAsync(root)).Unwrap();
        Assert.Equal(new AccessBatchInfo(Health, outcome.BlockNumber, 1000), batch);
        // Issue 17's target: at most 300 gas per logged access in a batch of 1,000.
        Assert.InRange(outcome.GasUsed, 21_000UL, 300_000UL);
    }

    [Fact]
    public async Task GetAccessBatchAsync_RootNeverLogged_IsNull()
    {
        var batch = (await chain.Reader().Grants.GetAccessBatchAsync(NewDigest())).Unwrap();

        Assert.Null(batch);
    }

    [Fact]
    public async Task LogAccessBatchAsync_RefusedBatches_FailWithTheirDecodedErrors()
    {
        var root = NewDigest();
        (await chain.ClientFor(2).Grants.LogAccessBatchAsync(root, 5)).Unwrap();

        var again = await chain.ClientFor(3).Grants.LogAccessBatchAsync(root, 5);
        var zeroRoot = await chain.ClientFor(2).Grants.LogAccessBatchAsync(Digest.Zero, 5);
        var noEntries = await chain.ClientFor(2).Grants.LogAccessBatchAsync(NewDigest(), 0);
        var stranger = await chain.ClientFor(9).Grants.LogAccessBatchAsync(NewDigest(), 5);

        Assert.Equal(["AccessBatchExists", "ZeroRoot", "ZeroEntries", "NotActiveSigner"], new[] { again, zeroRoot, noEntries, stranger }.Select(r => r.Error?.Name));
        var kept = (await chain.Reader().Grants.GetAccessBatchAsync(root)).Unwrap();
        Assert.Equal((Health, 5u), (kept!.Department, kept.Entries));
    }

    private async Task<System.Numerics.BigInteger> LegalGrantAsync(GrantTerms terms)
    {
        var record = NewDigest();
        (await chain.ClientFor(1).Documents.AnchorAsync(record)).Unwrap();
        var (_, grantId) = (await chain.ClientFor(1).Grants.GrantAsync(record, Digest.Zero, [], Health, 7, DateTimeOffset.UtcNow.AddDays(1), NewDigest(), terms)).Unwrap();
        return grantId;
    }
}
