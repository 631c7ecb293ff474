using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Core.Tests.Verification;

public class DocumentStatusRuleTests
{
    private const ulong AnchoredAt = 1_800_000_000;
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds((long)AnchoredAt + 1000);

    private static readonly StoredRecord s_valid = new(
        Anchored: true, AnchoredAt: AnchoredAt, AnchoredBlock: 42, ValidUntil: 0, DocumentCount: 0, KeyId: 1, KeyCompromisedSince: 0,
        Revoked: false, Superseded: false, RevocationReason: 0, Successor: Digest.Zero, DepartmentStatus: DepartmentStatus.Active);

    [Fact]
    public void Derive_NotAnchored_IsUnknownWhateverElseTheRecordSays()
        => Assert.Equal(DocumentStatus.Unknown, DocumentStatusRule.Derive(s_valid with { Anchored = false, Revoked = true }, s_now));

    [Fact]
    public void Derive_FollowsThePrecedenceRevokedKeyCompromisedSupersededExpired()
    {
        var everything = s_valid with { Revoked = true, KeyCompromisedSince = AnchoredAt, Superseded = true, ValidUntil = AnchoredAt + 1 };

        Assert.Equal(DocumentStatus.Revoked, DocumentStatusRule.Derive(everything, s_now));
        Assert.Equal(DocumentStatus.KeyCompromised, DocumentStatusRule.Derive(everything with { Revoked = false }, s_now));
        Assert.Equal(DocumentStatus.Superseded, DocumentStatusRule.Derive(everything with { Revoked = false, KeyCompromisedSince = 0 }, s_now));
        Assert.Equal(DocumentStatus.Expired, DocumentStatusRule.Derive(s_valid with { ValidUntil = AnchoredAt + 1 }, s_now));
        Assert.Equal(DocumentStatus.Valid, DocumentStatusRule.Derive(s_valid, s_now));
    }

    [Theory]
    [InlineData(AnchoredAt - 1, true)]
    [InlineData(AnchoredAt, true)]
    [InlineData(AnchoredAt + 1, false)]
    public void Derive_KeyCompromisedOnlyWhenTheCompromiseBeganAtOrBeforeTheAnchoring(ulong since, bool compromised)
        => Assert.Equal(compromised ? DocumentStatus.KeyCompromised : DocumentStatus.Valid, DocumentStatusRule.Derive(s_valid with { KeyCompromisedSince = since }, s_now));

    [Fact]
    public void Derive_ExpiresOnlyAfterValidUntil_ByTheGivenChainTime()
    {
        var until = s_valid with { ValidUntil = (ulong)s_now.ToUnixTimeSeconds() };

        Assert.Equal(DocumentStatus.Valid, DocumentStatusRule.Derive(until, s_now));
        Assert.Equal(DocumentStatus.Expired, DocumentStatusRule.Derive(until, s_now.AddSeconds(1)));
    }
}
