using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using EthGov.Api.Documents;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Api.Tests.Documents;

public sealed class DocumentsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Civil => fixture.Host.ClientWithKey(fixture.CivilKey);

    [Fact]
    public async Task AnchorDigest_NewDigest_Returns202WithStatusUrl()
    {
        var digest = TestDigests.New();

        using var response = await Civil.PostAsJsonAsync("/api/v1/documents", new { digest });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/v1/documents/{digest}", response.Headers.Location?.ToString());
        var status = await response.Content.ReadFromJsonAsync<DocumentStatusResponse>(TestJson.Options);
        Assert.Equal("CIVIL", status!.Department);
        await fixture.Host.WaitAnchoredAsync(digest);
    }

    [Fact]
    public async Task AnchorDigest_WithWait_Returns200WithReceiptOnceConfirmed()
    {
        var digest = TestDigests.New();

        using var response = await Civil.PostAsJsonAsync("/api/v1/documents?wait=true&timeoutSeconds=20", new { digest, validUntil = DateTimeOffset.UtcNow.AddYears(1) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<DocumentStatusResponse>(TestJson.Options);
        Assert.Equal("anchored", status!.Status);
        Assert.Equal(Digest.Parse(digest), status.Receipt!.Digest);
        Assert.Equal("CIVIL", status.Receipt.Issuer.Code);
        Assert.NotNull(status.Receipt.ValidUntil);
    }

    [Fact]
    public async Task AnchorDigest_AlreadyAnchored_Returns200WithReceipt()
    {
        var digest = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents", new { digest })).EnsureSuccessStatusCode();
        await fixture.Host.WaitAnchoredAsync(digest);

        using var again = await Civil.PostAsJsonAsync("/api/v1/documents", new { digest });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var status = await again.Content.ReadFromJsonAsync<DocumentStatusResponse>(TestJson.Options);
        Assert.NotNull(status!.Receipt);
    }

    [Fact]
    public async Task AnchorDigest_SameDigestConcurrently_StoresAndAnchorsItOnce()
    {
        var digest = TestDigests.New();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Civil.PostAsJsonAsync("/api/v1/documents", new { digest })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK));
        await fixture.Host.WaitAnchoredAsync(digest);
        using var connection = fixture.Host.Database.Connect();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM documents WHERE digest = @d";
        count.Parameters.AddWithValue("@d", Digest.Parse(digest).ToArray());
        Assert.Equal(1L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public async Task AnchorDigest_InvalidDigest_Returns400InvalidDigest()
    {
        using var response = await Civil.PostAsJsonAsync("/api/v1/documents", new { digest = "0x1234" });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-digest");
    }

    [Fact]
    public async Task AnchorDigest_MalformedJson_Returns400InvalidRequest()
    {
        using var content = new StringContent("{\"digest\": ", Encoding.UTF8, "application/json");

        using var response = await Civil.PostAsync("/api/v1/documents", content);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("the body is not valid JSON (at digest)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnchorDigest_MemberOfTheWrongType_Returns400NamingTheMember_NotTheValueNorDotNetTypes()
    {
        using var content = new StringContent($"{{\"digest\": \"{TestDigests.New()}\", \"validUntil\": \"secret-value\"}}", Encoding.UTF8, "application/json");

        using var response = await Civil.PostAsync("/api/v1/documents", content);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        var detail = problem.GetProperty("detail").GetString();
        Assert.StartsWith("validUntil: ", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnchorDigest_ValidUntilInThePast_Returns400InvalidValidUntil()
    {
        using var response = await Civil.PostAsJsonAsync("/api/v1/documents", new { digest = TestDigests.New(), validUntil = DateTimeOffset.UtcNow.AddDays(-1) });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-valid-until");
    }

    [Fact]
    public async Task AnchorDigest_DigestOfAnotherDepartment_Returns409()
    {
        var digest = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents", new { digest })).EnsureSuccessStatusCode();

        using var response = await fixture.Host.ClientWithKey(fixture.HealthKey).PostAsJsonAsync("/api/v1/documents", new { digest });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "anchored-by-another-department");
    }

    [Fact]
    public async Task AnchorBatch_ThousandDigests_AllAnchoredInOneMerkleBatch()
    {
        var digests = Enumerable.Range(0, 1000).Select(_ => TestDigests.New()).ToArray();

        using var response = await Civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<AnchorBatchResponse>(TestJson.Options);
        Assert.Equal(1000, accepted!.Accepted);
        var first = await fixture.Host.WaitAnchoredAsync(digests[0]);
        var last = await fixture.Host.WaitAnchoredAsync(digests[^1]);
        Assert.Equal(first.Receipt!.Batch!.Root, last.Receipt!.Batch!.Root);
        Assert.True(first.Receipt.Batch.DocumentCount >= 1000);
        var verdict = await Civil.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digests[500]}", TestJson.Options);
        Assert.Equal(VerdictOutcome.Valid, verdict!.Outcome);
    }

    [Fact]
    public async Task AnchorBatch_RepeatedRequest_CountsDigestsAsAlreadyKnown()
    {
        var digests = Enumerable.Range(0, 10).Select(_ => TestDigests.New()).ToArray();
        (await Civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests })).EnsureSuccessStatusCode();

        using var again = await Civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests });

        var accepted = await again.Content.ReadFromJsonAsync<AnchorBatchResponse>(TestJson.Options);
        Assert.Equal(0, accepted!.Accepted);
        Assert.Equal(10, accepted.AlreadyKnown);
    }

    [Fact]
    public async Task AnchorBatch_OneInvalidDigest_RejectsTheWholeRequest()
    {
        var good = TestDigests.New();

        using var response = await Civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests = new[] { good, "0xzz" } });

        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-digest");
        Assert.Contains("digests[1]", body.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        using var status = await Civil.GetAsync($"/api/v1/documents/{good}");
        await Problem.AssertAsync(status, HttpStatusCode.NotFound, "document-not-found");
    }

    [Fact]
    public async Task AnchorBatch_MoreThanTenThousandDigests_Returns400()
    {
        var digests = Enumerable.Range(0, 10_001).Select(_ => TestDigests.New()).ToArray();

        using var response = await Civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task AnchorUpload_File_AnchorsItsSha256()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var expected = "0x" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "certificate.pdf" } };

        using var response = await Civil.PostAsync("/api/v1/documents/upload?wait=true", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<DocumentStatusResponse>(TestJson.Options);
        Assert.Equal(expected, status!.Digest.ToString());
    }

    [Fact]
    public async Task AnchorUpload_LargerThanLimit_Returns413UploadTooLarge()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[1_100_000]), "file", "big.bin" } };

        using var response = await Civil.PostAsync("/api/v1/documents/upload", form);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "upload-too-large");
    }

    [Fact]
    public async Task AnchorUpload_NoFilePart_Returns400InvalidRequest()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        using var response = await Civil.PostAsync("/api/v1/documents/upload", form);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task GetStatus_UnknownDigest_Returns404DocumentNotFound()
    {
        using var response = await fixture.Host.CreateClient().GetAsync($"/api/v1/documents/{TestDigests.New()}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "document-not-found");
    }

    [Fact]
    public async Task GetReceipt_Anchored_ReturnsReceiptThatVerifiesOffline()
    {
        var digest = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest })).EnsureSuccessStatusCode();

        var json = await fixture.Host.CreateClient().GetStringAsync($"/api/v1/documents/{digest}/receipt");

        var parsed = EthGov.Core.Receipts.ReceiptReader.Parse(json);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(fixture.Chain.Deployment.Registry, parsed.Receipt.Registry, ignoreCase: true);
    }

    [Fact]
    public async Task Revoke_DocumentOfABatch_VerifyReportsRevokedAtOnce()
    {
        var digests = new[] { TestDigests.New(), TestDigests.New(), TestDigests.New() };
        (await Civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests })).EnsureSuccessStatusCode();
        await fixture.Host.WaitAnchoredAsync(digests[1]);

        // A verification just before: its read of the chain is recent enough to share (Chain:MaxReadAge), but the
        // revocation below is this API's own transaction, so the next answer must rest on its block or a later one.
        var before = await Civil.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digests[1]}", TestJson.Options);
        Assert.Equal(VerdictOutcome.Valid, before!.Outcome);
        using var response = await Civil.PostAsJsonAsync($"/api/v1/documents/{digests[1]}/revocation", new { reason = 4 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verdict = await Civil.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digests[1]}", TestJson.Options);
        Assert.Equal(VerdictOutcome.Revoked, verdict!.Outcome);
        var other = await Civil.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digests[0]}", TestJson.Options);
        Assert.Equal(VerdictOutcome.Valid, other!.Outcome);
    }

    [Fact]
    public async Task Revoke_Twice_Returns409AlreadyRevoked()
    {
        var digest = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest })).EnsureSuccessStatusCode();
        (await Civil.PostAsJsonAsync($"/api/v1/documents/{digest}/revocation", new { reason = 1 })).EnsureSuccessStatusCode();

        using var again = await Civil.PostAsJsonAsync($"/api/v1/documents/{digest}/revocation", new { reason = 1 });

        var body = await Problem.AssertAsync(again, HttpStatusCode.Conflict, "already-revoked");
        Assert.Equal("AlreadyRevoked", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Revoke_ByAnotherDepartment_Returns403NotIssuingDepartment()
    {
        var digest = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest })).EnsureSuccessStatusCode();

        using var response = await fixture.Host.ClientWithKey(fixture.HealthKey).PostAsJsonAsync($"/api/v1/documents/{digest}/revocation", new { reason = 1 });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "not-issuing-department");
    }

    [Fact]
    public async Task Revoke_NotAnchoredAnywhere_Returns404NotAnchored()
    {
        using var response = await Civil.PostAsJsonAsync($"/api/v1/documents/{TestDigests.New()}/revocation", new { reason = 1 });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-anchored");
    }

    [Fact]
    public async Task Revoke_WithoutReason_Returns400InvalidRequest()
    {
        using var response = await Civil.PostAsJsonAsync($"/api/v1/documents/{TestDigests.New()}/revocation", new { });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task Supersede_AnchoredDocument_OldIsSupersededAndNewIsAnchored()
    {
        var oldDigest = TestDigests.New();
        var newDigest = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = oldDigest })).EnsureSuccessStatusCode();

        using var response = await Civil.PostAsJsonAsync($"/api/v1/documents/{oldDigest}/supersession", new { newDigest });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<DocumentStatusResponse>(TestJson.Options);
        Assert.Equal("anchored", status!.Status);
        var old = await Civil.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{oldDigest}", TestJson.Options);
        Assert.Equal(VerdictOutcome.Superseded, old!.Outcome);
        var replacement = await Civil.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{newDigest}", TestJson.Options);
        Assert.Equal(VerdictOutcome.Valid, replacement!.Outcome);
    }

    [Fact]
    public async Task Supersede_NewDigestAlreadyQueued_Returns409AlreadyAnchored()
    {
        var oldDigest = TestDigests.New();
        var newDigest = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = oldDigest })).EnsureSuccessStatusCode();
        (await Civil.PostAsJsonAsync("/api/v1/documents", new { digest = newDigest })).EnsureSuccessStatusCode();

        using var response = await Civil.PostAsJsonAsync($"/api/v1/documents/{oldDigest}/supersession", new { newDigest });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "already-anchored");
    }
}
