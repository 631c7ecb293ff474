using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Core.Digests;
using EthGov.Core.Links;
using EthGov.Core.Verification;

namespace EthGov.Api.Tests.Verification;

/// <summary>
/// A node that did not anchor a batch member verifies it from what the document's link carries (the department and the
/// proof), and from nothing else: the fixture's API anchors; a second API on the same chain, holding no department's
/// key and with no node published on chain to ask, verifies.
/// </summary>
public sealed class LinkProofTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private ApiHost _verifier = null!;

    public async Task InitializeAsync()
        => _verifier = await ApiHost.StartAsync(fixture.Chain, new Dictionary<string, string?>
        {
            ["EthGov:Signers:CIVIL"] = string.Empty,
            ["EthGov:Signers:HEALTH"] = string.Empty,
            ["EthGov:Signers:TRANSPORT"] = string.Empty,
        });

    public async Task DisposeAsync() => await _verifier.DisposeAsync();

    [Fact]
    public async Task VerifyDigest_BatchMemberWithTheLinksProof_IsValidOnANodeThatDidNotAnchorIt()
    {
        var (digest, proof) = await AnchorBatchMemberAsync();

        var verdict = await VerifyOnOtherNodeAsync(digest, proof);

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.Contains("the document's link", verdict.Checks.Single(c => c.Name == CheckNames.ProofValid).Detail, StringComparison.Ordinal);
        Assert.Equal("CIVIL", verdict.Department);
    }

    [Fact]
    public async Task VerifyDigest_BatchMemberWithATamperedProof_IsUnknown()
    {
        var (digest, proof) = await AnchorBatchMemberAsync();
        var bytes = Base64Url.DecodeFromChars(proof);
        bytes[5] ^= 0x01;

        var verdict = await VerifyOnOtherNodeAsync(digest, Base64Url.EncodeToString(bytes));

        Assert.Equal(VerdictOutcome.Unknown, verdict.Outcome);
    }

    [Fact]
    public async Task VerifyDigest_BatchMemberWithoutProofAndNoNodeToAsk_IsUnknownAndSaysWhy()
    {
        var (digest, _) = await AnchorBatchMemberAsync();

        var verdict = await _verifier.CreateClient().GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digest}?department=CIVIL", TestJson.Options);

        Assert.Equal(VerdictOutcome.Unknown, verdict!.Outcome);
        Assert.Contains("publishes no node", verdict.Checks.Single(c => c.Name == CheckNames.ProofValid).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyDigest_ProofWithoutDepartment_Returns400()
    {
        using var response = await _verifier.CreateClient().GetAsync($"/api/v1/verify/{TestDigests.New()}?proof={ProofCode.Encode([Digest.Parse(TestDigests.New())])}");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task VerifyDigest_ProofNotBase64Url_Returns400()
    {
        using var response = await _verifier.CreateClient().GetAsync($"/api/v1/verify/{TestDigests.New()}?department=CIVIL&proof=%2B%2B%2B");

        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Contains("proof: not base64url", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<(string Digest, string Proof)> AnchorBatchMemberAsync()
    {
        var digests = Enumerable.Range(0, 5).Select(_ => TestDigests.New()).ToArray();
        (await fixture.Host.ClientWithKey(fixture.CivilKey).PostAsJsonAsync("/api/v1/documents/batch", new { digests })).EnsureSuccessStatusCode();
        var status = await fixture.Host.WaitAnchoredAsync(digests[2]);
        var proof = status.Receipt!.Batch!.Proof;
        Assert.NotEmpty(proof);
        return (digests[2], ProofCode.Encode(proof));
    }

    private async Task<VerifyResponse> VerifyOnOtherNodeAsync(string digest, string proof)
        => (await _verifier.CreateClient().GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digest}?department=CIVIL&proof={proof}", TestJson.Options))!;
}
