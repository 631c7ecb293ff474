using EthGov.Core.Links;
using EthGov.Core.Merkle;
using EthGov.Core.Tests.TestSupport;

namespace EthGov.Core.Tests.Links;

public class DocumentLinkTests
{
    private static readonly Uri s_base = new("https://civil.example.gov/");

    [Fact]
    public void Build_BatchMember_RoundTripsDigestDepartmentAndProof()
    {
        var leaves = TestDigests.Random(1000, seed: 161);
        var tree = MerkleTree.Build(leaves);
        var proof = tree.GetProof(leaves[17]);

        var url = DocumentLink.Build(s_base, leaves[17], "CIVIL", proof);

        Assert.StartsWith($"https://civil.example.gov/v/{leaves[17]}?d=CIVIL&p=", url);
        Assert.True(DocumentLink.TryParse(url, out var link, out var error), error);
        Assert.Equal(leaves[17], link.Digest);
        Assert.Equal("CIVIL", link.DepartmentCode);
        Assert.Equal(proof, link.Proof);
        Assert.Equal(tree.Root, MerkleTree.ComputeRoot(link.Digest, [.. link.Proof]));
    }

    [Fact]
    public void Build_ProofTooLongForTheCode_LeavesTheProofOut()
    {
        var proof = TestDigests.Random(30, seed: 162);

        var url = DocumentLink.Build(s_base, TestDigests.One(163), "HEALTH", proof);

        Assert.DoesNotContain("&p=", url);
        Assert.True(url.Length <= DocumentLink.MaxLength);
        Assert.True(DocumentLink.TryParse(url, out var link, out _));
        Assert.Empty(link.Proof);
        Assert.Equal("HEALTH", link.DepartmentCode);
    }

    [Fact]
    public void Build_SingleAnchor_CarriesNoProof()
    {
        var url = DocumentLink.Build(new Uri("http://127.0.0.1:5080"), TestDigests.One(164), "TRANSPORT", []);

        Assert.Equal($"http://127.0.0.1:5080/v/{TestDigests.One(164)}?d=TRANSPORT", url);
    }

    [Theory]
    [InlineData("ftp://x.example/v/0x00", "not an http(s) URL")]
    [InlineData("not a url", "not an http(s) URL")]
    [InlineData("https://x.example/verify/abc", "the URL has no /v/<digest> path")]
    [InlineData("https://x.example/v/0x12", "digest: ")]
    public void TryParse_NotADocumentLink_SaysWhy(string text, string expected)
    {
        Assert.False(DocumentLink.TryParse(text, out _, out var error));
        Assert.StartsWith(expected, error);
    }

    [Theory]
    [InlineData("AAAA", "3 bytes is not a whole number of 32-byte hashes")]
    [InlineData("!!!!", "not base64url")]
    public void TryParse_BadProof_SaysWhy(string code, string expected)
    {
        var url = $"https://x.example/v/{TestDigests.One(165)}?d=CIVIL&p={code}";

        Assert.False(DocumentLink.TryParse(url, out _, out var error));
        Assert.Equal($"proof: {expected}", error);
    }

    [Fact]
    public void ProofCode_MoreHashesThanAProofHas_IsRefusedBeforeDecoding()
    {
        var code = ProofCode.Encode(TestDigests.Random(33, seed: 166));

        Assert.False(ProofCode.TryDecode(code, out _, out var error));
        Assert.Equal("a proof has at most 32 hashes", error);
    }
}
