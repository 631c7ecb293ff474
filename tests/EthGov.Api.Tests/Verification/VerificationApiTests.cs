using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Documents;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;

namespace EthGov.Api.Tests.Verification;

public sealed class VerificationApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Anyone => fixture.Host.CreateClient();

    [Fact]
    public async Task VerifyDigest_Anchored_ReturnsValidWithEveryCheckReadAtAStatedBlock()
    {
        var digest = TestDigests.New();
        (await fixture.Host.ClientWithKey(fixture.CivilKey).PostAsJsonAsync("/api/v1/documents?wait=true", new { digest })).EnsureSuccessStatusCode();

        var verdict = await Anyone.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digest}", TestJson.Options);

        Assert.Equal(VerdictOutcome.Valid, verdict!.Outcome);
        Assert.Equal(CheckNames.All, verdict.Checks.Select(c => c.Name));
        Assert.True(verdict.Chain.Block > 0);
        Assert.Equal("CIVIL", verdict.Department);
    }

    [Fact]
    public async Task VerifyDigest_AnchoredByThisApi_ReturnsTheFactsFieldByField()
    {
        var digest = TestDigests.New();
        (await fixture.Host.ClientWithKey(fixture.CivilKey).PostAsJsonAsync("/api/v1/documents?wait=true", new { digest })).EnsureSuccessStatusCode();

        var facts = (await Anyone.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digest}", TestJson.Options))!.Facts;

        Assert.Equal(DocumentStatus.Valid, facts.Status);
        Assert.Equal(1u, facts.DepartmentId);
        Assert.Equal("Civil Registry Office", facts.DepartmentName);
        Assert.Equal(DepartmentStatus.Active, facts.DepartmentStatus);
        Assert.NotNull(facts.AnchoredAt);
        Assert.True(facts.AnchoredBlock > 0);
        Assert.Null(facts.ValidUntil);
        Assert.Null(facts.RevocationReason);
        Assert.Null(facts.Successor);
        Assert.NotNull(facts.TransactionHash);
    }

    [Fact]
    public async Task VerifyDigest_NeverAnchored_HasNoFactsButItsStatus()
    {
        var facts = (await Anyone.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{TestDigests.New()}", TestJson.Options))!.Facts;

        Assert.Equal(DocumentStatus.Unknown, facts.Status);
        Assert.Null(facts.DepartmentId);
        Assert.Null(facts.AnchoredBlock);
        Assert.Null(facts.TransactionHash);
    }

    [Fact]
    public async Task VerifyDigest_NeverAnchored_ReturnsUnknown()
    {
        var verdict = await Anyone.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{TestDigests.New()}", TestJson.Options);

        Assert.Equal(VerdictOutcome.Unknown, verdict!.Outcome);
    }

    [Fact]
    public async Task VerifyDigest_InvalidDigest_Returns400InvalidDigest()
    {
        using var response = await Anyone.GetAsync("/api/v1/verify/0xnothex");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-digest");
    }

    [Fact]
    public async Task Verify_Receipt_ReturnsValid()
    {
        var receipt = await AnchorAsync(RandomNumberGenerator.GetBytes(64));

        using var response = await Anyone.PostAsJsonAsync("/api/v1/verify", new { receipt = JsonSerializer.Deserialize<JsonElement>(receipt) });

        var verdict = await response.Content.ReadFromJsonAsync<VerifyResponse>(TestJson.Options);
        Assert.Equal(VerdictOutcome.Valid, verdict!.Outcome);
        Assert.Equal(CheckOutcome.Passed, verdict.Checks.Single(c => c.Name == CheckNames.ReceiptMatchesChain).Outcome);
    }

    [Fact]
    public async Task Verify_ReceiptOfAnotherBlock_ReturnsMismatch()
    {
        var receipt = ReceiptReader.Parse(await AnchorAsync(RandomNumberGenerator.GetBytes(64))).Receipt!;
        var forged = receipt with { BlockNumber = receipt.BlockNumber + 1 };

        using var response = await Anyone.PostAsJsonAsync("/api/v1/verify", new { receipt = JsonSerializer.Deserialize<JsonElement>(ReceiptWriter.ToJson(forged)) });

        var verdict = await response.Content.ReadFromJsonAsync<VerifyResponse>(TestJson.Options);
        Assert.Equal(VerdictOutcome.Mismatch, verdict!.Outcome);
    }

    [Theory]
    [InlineData("transaction")]
    [InlineData("block-hash")]
    [InlineData("other-transaction")]
    public async Task Verify_ReceiptWhoseTransactionTheChainDoesNotConfirm_ReturnsMismatchAndShowsNoTransaction(string forgery)
    {
        var receipt = ReceiptReader.Parse(await AnchorAsync(RandomNumberGenerator.GetBytes(64))).Receipt!;
        var other = ReceiptReader.Parse(await AnchorAsync(RandomNumberGenerator.GetBytes(64))).Receipt!;
        var forged = forgery switch
        {
            "transaction" => receipt with { TransactionHash = EthGov.Core.Digests.Digest.Parse(TestDigests.New()) },
            "block-hash" => receipt with { BlockHash = EthGov.Core.Digests.Digest.Parse(TestDigests.New()) },
            // A real anchoring transaction of the same department, but of another document.
            _ => receipt with { TransactionHash = other.TransactionHash },
        };

        using var response = await Anyone.PostAsJsonAsync("/api/v1/verify", new { receipt = JsonSerializer.Deserialize<JsonElement>(ReceiptWriter.ToJson(forged)) });

        var verdict = await response.Content.ReadFromJsonAsync<VerifyResponse>(TestJson.Options);
        Assert.Equal(VerdictOutcome.Mismatch, verdict!.Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict.Checks.Single(c => c.Name == CheckNames.TransactionMatches).Outcome);
        Assert.Null(verdict.Facts.TransactionHash);
    }

    [Fact]
    public async Task Verify_GenuineReceipt_ShowsItsTransactionOnceTheChainConfirmedIt()
    {
        var receipt = ReceiptReader.Parse(await AnchorAsync(RandomNumberGenerator.GetBytes(64))).Receipt!;

        using var response = await Anyone.PostAsJsonAsync("/api/v1/verify", new { receipt = JsonSerializer.Deserialize<JsonElement>(ReceiptWriter.ToJson(receipt)) });

        var verdict = await response.Content.ReadFromJsonAsync<VerifyResponse>(TestJson.Options);
        Assert.Equal(VerdictOutcome.Valid, verdict!.Outcome);
        Assert.Equal(CheckOutcome.Passed, verdict.Checks.Single(c => c.Name == CheckNames.TransactionMatches).Outcome);
        Assert.Equal(receipt.TransactionHash, verdict.Facts.TransactionHash);
    }

    [Fact]
    public async Task Verify_MalformedReceipt_Returns400InvalidReceipt()
    {
        using var response = await Anyone.PostAsJsonAsync("/api/v1/verify", new { receipt = new { version = 1, digest = "0x12" } });

        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-receipt");
        Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Verify_NeitherDigestNorReceipt_Returns400InvalidRequest()
    {
        using var response = await Anyone.PostAsJsonAsync("/api/v1/verify", new { });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task VerifyUpload_FileWithItsReceipt_ReturnsValid()
    {
        var file = RandomNumberGenerator.GetBytes(2048);
        var receipt = await AnchorAsync(file);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "licence.pdf" }, { new StringContent(receipt), "receipt" } };

        using var response = await Anyone.PostAsync("/api/v1/verify/upload", form);

        var verdict = await response.Content.ReadFromJsonAsync<VerifyResponse>(TestJson.Options);
        Assert.Equal(VerdictOutcome.Valid, verdict!.Outcome);
        Assert.Equal(CheckOutcome.Passed, verdict.Checks.Single(c => c.Name == CheckNames.DigestMatches).Outcome);
    }

    [Fact]
    public async Task VerifyUpload_OtherFileThanTheReceipts_ReturnsMismatch()
    {
        var receipt = await AnchorAsync(RandomNumberGenerator.GetBytes(2048));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(RandomNumberGenerator.GetBytes(2048)), "file", "forged.pdf" }, { new StringContent(receipt), "receipt" } };

        using var response = await Anyone.PostAsync("/api/v1/verify/upload", form);

        var verdict = await response.Content.ReadFromJsonAsync<VerifyResponse>(TestJson.Options);
        Assert.Equal(VerdictOutcome.Mismatch, verdict!.Outcome);
    }

    [Fact]
    public async Task VerifyUpload_TooLarge_Returns413UploadTooLarge()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[1_100_000]), "file", "big.bin" } };

        using var response = await Anyone.PostAsync("/api/v1/verify/upload", form);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "upload-too-large");
    }

    [Fact]
    public async Task VerifyDigest_AnotherDepartmentRevokedItsOwnAnchoringOfTheDigest_ReadsTheIssuerThisApiAnchoredItFor()
    {
        var digest = TestDigests.New();
        (await fixture.Host.ClientWithKey(fixture.CivilKey).PostAsJsonAsync("/api/v1/documents?wait=true", new { digest })).EnsureSuccessStatusCode();
        var health = fixture.Chain.ClientFor(2).Documents;
        (await health.AnchorAsync(EthGov.Core.Digests.Digest.Parse(digest))).Unwrap();
        (await health.RevokeAsync(EthGov.Core.Digests.Digest.Parse(digest), 9)).Unwrap();

        var ours = await Anyone.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digest}", TestJson.Options);
        var healths = await VerifyOnceReadAsync($"/api/v1/verify/{digest}?department=HEALTH", VerdictOutcome.Revoked);
        var civils = await Anyone.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digest}?department=civil", TestJson.Options);

        Assert.Equal((VerdictOutcome.Valid, "CIVIL"), (ours!.Outcome, ours.Department));
        Assert.Contains("this service anchored it", ours.Checks.Single(c => c.Name == CheckNames.IssuerNamed).Detail, StringComparison.Ordinal);
        Assert.Equal((VerdictOutcome.Revoked, "HEALTH", (ushort?)9), (healths!.Outcome, healths.Department, healths.Facts.RevocationReason));
        Assert.Equal((VerdictOutcome.Valid, "CIVIL"), (civils!.Outcome, civils.Department));
    }

    [Fact]
    public async Task VerifyDigest_AnchoredOnlyOnChainByTwoDepartments_NamesBothAndJudgesTheValidOne()
    {
        var digest = EthGov.Core.Digests.Digest.Parse(TestDigests.New());
        // Signed outside the API by keys it does not send with in this class (HEALTH, TRANSPORT).
        var health = fixture.Chain.ClientFor(2).Documents;
        (await health.AnchorAsync(digest)).Unwrap();
        (await health.RevokeAsync(digest, 4)).Unwrap();
        (await fixture.Chain.ClientFor(3).Documents.AnchorAsync(digest)).Unwrap();

        var verdict = await VerifyOnceReadAsync($"/api/v1/verify/{digest}", VerdictOutcome.Valid);

        Assert.Equal((VerdictOutcome.Valid, "TRANSPORT"), (verdict.Outcome, verdict.Department));
        var named = verdict.Checks.Single(c => c.Name == CheckNames.IssuerNamed).Detail;
        Assert.Contains("HEALTH", named, StringComparison.Ordinal);
        Assert.Contains("revoked there", named, StringComparison.Ordinal);
        Assert.Contains("TRANSPORT", named, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ReceiptOfOneDepartment_IsJudgedInItsNamespaceNotByAnotherDepartmentsAnchoring()
    {
        var receipt = ReceiptReader.Parse(await AnchorAsync(RandomNumberGenerator.GetBytes(64))).Receipt!;
        var transport = fixture.Chain.ClientFor(3).Documents;
        (await transport.AnchorAsync(receipt.Digest)).Unwrap();
        (await transport.RevokeAsync(receipt.Digest, 5)).Unwrap();

        using var response = await Anyone.PostAsJsonAsync("/api/v1/verify", new { receipt = JsonSerializer.Deserialize<JsonElement>(ReceiptWriter.ToJson(receipt)) });

        var verdict = await response.Content.ReadFromJsonAsync<VerifyResponse>(TestJson.Options);
        Assert.Equal((VerdictOutcome.Valid, "CIVIL"), (verdict!.Outcome, verdict.Department));
        Assert.Contains("the receipt names", verdict.Checks.Single(c => c.Name == CheckNames.IssuerNamed).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyDigest_UnknownDepartmentCode_Returns404DepartmentNotFound()
    {
        using var response = await Anyone.GetAsync($"/api/v1/verify/{TestDigests.New()}?department=NOSUCH");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "department-not-found");
    }

    // The API answers from a read of the latest block up to Chain:MaxReadAge old: transactions sent outside it show
    // within that age (the API sees its own at once). Asks until the expected outcome, or returns the last answer.
    private async Task<VerifyResponse> VerifyOnceReadAsync(string url, VerdictOutcome expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var verdict = (await Anyone.GetFromJsonAsync<VerifyResponse>(url, TestJson.Options))!;
            if (verdict.Outcome == expected || DateTime.UtcNow > deadline)
            {
                return verdict;
            }

            await Task.Delay(100);
        }
    }

    private async Task<string> AnchorAsync(byte[] file)
    {
        var digest = "0x" + Convert.ToHexStringLower(SHA256.HashData(file));
        using var response = await fixture.Host.ClientWithKey(fixture.CivilKey).PostAsJsonAsync("/api/v1/documents?wait=true", new { digest });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Anyone.GetStringAsync($"/api/v1/documents/{digest}/receipt");
    }
}
