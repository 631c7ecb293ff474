using EthGov.Core.Exchange;

namespace EthGov.Core.Tests.Exchange;

public class ExchangeRefusalTests
{
    [Theory]
    [InlineData("no-grant", 404, false)]
    [InlineData("grant-expired", 403, false)]
    [InlineData("grant-revoked", 403, false)]
    [InlineData("not-grantee", 403, false)]
    [InlineData("not-holder", 403, false)]
    [InlineData("record-not-covered", 403, false)]
    [InlineData("grantee-suspended", 403, false)]
    [InlineData("unknown-node-key", 401, false)]
    [InlineData("invalid-signature", 401, false)]
    [InlineData("replayed-request", 409, false)]
    [InlineData("log-reused", 409, false)]
    [InlineData("log-not-found", 403, false)]
    [InlineData("log-not-confirmed", 409, true)]
    [InlineData("record-revoked", 403, false)]
    [InlineData("record-not-held", 404, false)]
    [InlineData("record-erased", 410, false)]
    [InlineData("fetch-limit-reached", 403, false)]
    [InlineData("consent-not-by-subject", 403, false)]
    [InlineData("chain-unavailable", 503, true)]
    [InlineData("tampered-content", 403, false)]
    public void Reason_OfTheProtocol_HasItsStatusAndRetryability(string reason, int status, bool retryable)
    {
        var refusal = new ExchangeRefusal(reason, "detail");

        Assert.Equal(status, refusal.Status);
        Assert.Equal(retryable, refusal.IsRetryable);
        Assert.Equal(ExchangeRefusal.TypePrefix + reason, refusal.Type);
        Assert.False(string.IsNullOrEmpty(refusal.Title));
    }

    [Fact]
    public void Reasons_AreTheTwentyOfTheProtocol()
    {
        Assert.Equal(20, ExchangeRefusal.Reasons.Count);
    }

    [Fact]
    public void Constructor_UnknownReason_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ExchangeRefusal("no-such-reason", "detail"));
    }

    [Fact]
    public void TryReasonOfType_ProblemTypeOfARefusal_GivesItsSlug()
    {
        var type = new ExchangeRefusal(ExchangeRefusal.LogReused, "d").Type;

        Assert.True(ExchangeRefusal.TryReasonOfType(type, out var reason));
        Assert.Equal(ExchangeRefusal.LogReused, reason);
        Assert.False(ExchangeRefusal.TryReasonOfType(ExchangeRefusal.TypePrefix + "invalid-request", out _));
        Assert.False(ExchangeRefusal.TryReasonOfType("https://other.example/problems/log-reused", out _));
    }
}
