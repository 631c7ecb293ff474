using EthGov.Chain.Registry;

namespace EthGov.Chain.Tests.Registry;

public class GrantTermsTests
{
    [Fact]
    public void Default_StoreThirtyDaysTenFetchesRevocableByTheGrantor_IsValidForEveryBasis()
    {
        Assert.Equal(new GrantTerms(GrantUse.Store, 30, 10, GrantRevokers.Grantor), GrantTerms.Default);
        Assert.All(Enum.GetValues<GrantBasis>(), basis => Assert.Null(GrantTerms.Default.Problem(basis)));
    }

    [Theory]
    [InlineData(GrantUse.Store, 30, 0, 1, "maxFetches")]
    [InlineData(GrantUse.ViewOnce, 5, 1, 1, "view-once")]
    [InlineData(GrantUse.Store, 0, 1, 1, "store")]
    [InlineData(GrantUse.Store, 30, 1, 4, "revocableBy")]
    [InlineData((GrantUse)2, 0, 1, 1, "use")]
    public void Problem_TermsTheRegistryRefuses_SaysWhy(GrantUse use, int retentionDays, int maxFetches, int revocableBy, string named)
    {
        var problem = new GrantTerms(use, (ushort)retentionDays, (ushort)maxFetches, (GrantRevokers)revocableBy).Problem(GrantBasis.LegalBasis);

        Assert.NotNull(problem);
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GrantRevokers.None)]
    [InlineData(GrantRevokers.Grantee)]
    public void Problem_ConsentItsSubjectCannotRevoke_IsRefusedOnlyForConsent(GrantRevokers revokers)
    {
        var terms = GrantTerms.Default with { RevocableBy = revokers };

        Assert.Contains("consent", terms.Problem(GrantBasis.PasskeyConsent), StringComparison.Ordinal);
        Assert.Null(terms.Problem(GrantBasis.LegalBasis));
        Assert.Null(terms.Problem(GrantBasis.KindLegalBasis));
    }
}
