using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Core.Tests.Verification;

public class DocumentStatusRuleTests
{
    private const ulong AnchoredAt = 1_800_000_000;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds((long)AnchoredAt + 1000);

    private static readonly StoredRecord Valid = new(
        Anchored: true, AnchoredAt: AnchoredAt, AnchoredBlock: 42, ValidUntil: 0, DocumentCount: 0, KeyId: 1, KeyCompromisedSince: 0,
        Revoked: false, Superseded: false, RevocationReason: 0, Successor: Digest.Zero, DepartmentStatus: DepartmentStatus.Active);

    [Fact]
    public void Derive_NotAnchored_IsUnknownWhateverElseTheRecordSays()
        => Assert.Equal(DocumentStatus.Unknown, DocumentStatusRule.Derive(Valid with { Anchored = false, Revoked = true }, Now));

    [Fact]
    public void Derive_FollowsThePrecedenceRevokedKeyCompromisedSupersededExpired()
    {
        var everything = Valid with { Revoked = true, KeyCompromisedSince = AnchoredAt, Superseded = true, ValidUntil = AnchoredAt + 1 };

        Assert.Equal(DocumentStatus.Revoked, DocumentStatusRule.Derive(everything, Now));
        Assert.Equal(DocumentStatus.KeyCompromised, DocumentStatusRule.Derive(everything with { Revoked = false }, Now));
        Assert.Equal(DocumentStatus.Superseded, DocumentStatusRule.Derive(everything with { Revoked = false, KeyCompromisedSince = 0 }, Now));
        Assert.Equal(DocumentStatus.Expired, DocumentStatusRule.Derive(Valid with { ValidUntil = AnchoredAt + 1 }, Now));
        Assert.Equal(DocumentStatus.Valid, DocumentStatusRule.Derive(Valid, Now));
    }

    [Theory]
    [InlineData(AnchoredAt - 1, true)]
    [InlineData(AnchoredAt, true)]
    [InlineData(AnchoredAt + 1, false)]
    public void Derive_KeyCompromisedOnlyWhenTheCompromiseBeganAtOrBeforeTheAnchoring(ulong since, bool compromised)
        => Assert.Equal(compromised ? DocumentStatus.KeyCompromised : DocumentStatus.Valid, DocumentStatusRule.Derive(Valid with { KeyCompromisedSince = since }, Now));

    [Fact]
    public void Derive_ExpiresOnlyAfterValidUntil_ByTheGivenChainTime()
    {
        var until = Valid with { ValidUntil = (ulong)Now.ToUnixTimeSeconds() };

        Assert.Equal(DocumentStatus.Valid, DocumentStatusRule.Derive(until, Now));
        Assert.Equal(DocumentStatus.Expired, DocumentStatusRule.Derive(until, Now.AddSeconds(1)));
    }
}
