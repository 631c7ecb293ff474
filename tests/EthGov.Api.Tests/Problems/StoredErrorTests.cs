using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;

namespace EthGov.Api.Tests.Problems;

/// <summary>
/// The codes the node stores for failures it answers later (<see cref="StoredError"/>): each is said in Chinese without
/// an English sentence and in readable English, and text in no known form (a row of an older node) stays as it was.
/// </summary>
public sealed class StoredErrorTests
{
    [Theory]
    [InlineData("NotActiveSigner(signer=0x70997970c51812dc3a010c7d01b50e0d17dc79c8)")]
    [InlineData("AlreadyRevoked(digest=0x0101010101010101010101010101010101010101010101010101010101010101)")]
    [InlineData("UnknownError(selector=0x12345678)")]
    [InlineData("Reverted()")]
    [InlineData("chain-unavailable()")]
    [InlineData("chain-rejected()")]
    [InlineData("SenderStopped(signer=0x70997970c51812dc3a010c7d01b50e0d17dc79c8, nonce=7)")]
    [InlineData("NotLeaseHolder(signer=0x70997970c51812dc3a010c7d01b50e0d17dc79c8)")]
    [InlineData("ChainReset()")]
    [InlineData("no-signer-key(department=3)")]
    [InlineData("submitted-by-another-department(digest=0x0101010101010101010101010101010101010101010101010101010101010101)")]
    [InlineData("approval-interrupted()")]
    [InlineData("node-answered(department=2, status=503, type=chain-unavailable)")]
    [InlineData("no-node-key()")]
    [InlineData("no-node-published(department=2)")]
    [InlineData("node-unreachable(department=2)")]
    [InlineData("node-unsigned(department=2, status=200)")]
    [InlineData("holder-unreachable(department=1)")]
    [InlineData("holder-key-unknown()")]
    [InlineData("holder-refused-for-now(reason=log-not-confirmed)")]
    [InlineData("holder-answered(status=502)")]
    [InlineData("anchor-unconfirmed()")]
    [InlineData("record-not-anchored-yet(record=0x0101010101010101010101010101010101010101010101010101010101010101, department=1)")]
    [InlineData("no-record-store()")]
    [InlineData("record-store-refused(record=0x0101010101010101010101010101010101010101010101010101010101010101, outcome=TooLarge)")]
    [InlineData("receipt-holder-unknown(department=1)")]
    [InlineData("receipts-answered(department=1, status=500)")]
    [InlineData("receipt-unanswered()")]
    [InlineData("receipt-not-recorded(outcome=release-not-found)")]
    [InlineData("step-failed()")]
    [InlineData("holder-refused(reason=grant-revoked)")]
    [InlineData("release-tampered()")]
    [InlineData("record-not-valid(record=0x0101010101010101010101010101010101010101010101010101010101010101, status=revoked)")]
    [InlineData("record-not-anchored(record=0x0101010101010101010101010101010101010101010101010101010101010101, department=1)")]
    [InlineData("node-refused(department=1, status=409, type=grant-request-decided, title=The%20grant%20request%20was%20already%20decided)")]
    [InlineData("node-refused(department=1, status=400, type=some-type-of-a-newer-node, title=A%20title%20of%20a%20newer%20node)")]
    [InlineData("problem(type=not-issuing-department, title=Only%20the%20issuing%20department%20may%20change%20this%20document)")]
    public void EveryStoredCode_IsSaidInChinese_AndInEnglishWithoutItsCode(string stored)
    {
        var text = StoredErrors.Render(stored);

        Assert.False(EnglishSentences.Has(text.Chinese), text.Chinese);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text.Chinese);
        Assert.DoesNotContain("（原文）", text.Chinese, StringComparison.Ordinal);
        Assert.Matches(@"[A-Za-z']+ [a-z']+ [a-z']+", text.English);
        Assert.NotEqual(stored, text.English);
    }

    [Theory]
    [InlineData("no signer key is configured for department 3")]
    [InlineData("0x01 was submitted by another department")]
    [InlineData("Conflict: the registry answered AlreadyRevoked")]
    [InlineData("something(odd=1")]
    [InlineData("unknown-code(a=1)")]
    public void TextInNoKnownForm_IsAnsweredAsStored(string stored)
    {
        var text = StoredErrors.Render(stored);

        Assert.Equal(stored, text.English);
        Assert.Equal("（原文）" + stored, text.Chinese);
    }

    [Fact]
    public void StoredError_KeepsValuesWithCommasAndParentheses()
    {
        var error = StoredError.Of(StoredErrors.Problem, ("type", "anchor-failed"), ("title", "A title, (with) = signs"));

        Assert.True(StoredError.TryParse(error.ToString(), out var read));
        Assert.Equal("A title, (with) = signs", read["title"]);
        Assert.Equal("anchor-failed", read["type"]);
    }
}
