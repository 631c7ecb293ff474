using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Core.Verification;

namespace EthGov.Api.Tests.Requests;

/// <summary>
/// Every request costs bounded memory and gets a bounded answer: receipts with millions of faults, bodies past their
/// endpoint's limit, and multipart parts nobody asked for.
/// </summary>
public sealed class RequestLimitsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private HttpClient Anyone => fixture.Host.CreateClient();

    [Fact]
    public async Task Verify_ReceiptWithThreeMillionProofElements_Returns400InvalidReceiptUnder16KB()
    {
        // The reproduced attack: 6 MB that used to come back as 220 MB listing 3,000,010 problems.
        var body = "{\"receipt\":{\"version\":1,\"batch\":{\"proof\":[" + string.Join(",", Enumerable.Repeat("0", 3_000_000)) + "]}}}";

        using var response = await Anyone.PostAsync("/api/v1/verify", new StringContent(body, Encoding.UTF8, "application/json"));

        var answer = await response.Content.ReadAsByteArrayAsync();
        Assert.True(answer.Length < 16 * 1024, $"{answer.Length} bytes");
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-receipt");
        Assert.Contains("receipt.batch.proof", problem.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ReceiptWithThousandsOfProblems_ListsTwentyAndSaysThereAreMore()
    {
        var receipt = new JsonObject { ["version"] = 1 };
        for (int i = 0; i < 2_000; i++)
        {
            receipt[$"x{i}"] = 0;
        }

        using var response = await Anyone.PostAsJsonAsync("/api/v1/verify", new JsonObject { ["receipt"] = receipt });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-receipt");
        Assert.Equal(20, problem.GetProperty("errors").GetArrayLength());
        Assert.StartsWith("more than 20 problems", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ProofOfThirtyThreeElements_Returns400InvalidReceipt()
    {
        var proof = new JsonArray([.. Enumerable.Range(0, 33).Select(_ => (JsonNode?)TestDigests.New())]);

        using var response = await Anyone.PostAsJsonAsync("/api/v1/verify", new JsonObject { ["receipt"] = new JsonObject { ["version"] = 1, ["batch"] = new JsonObject { ["proof"] = proof } } });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-receipt");
        Assert.Equal("receipt.batch.proof: more than 32 elements", problem.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Verify_BodyPastTheJsonLimit_Returns413RequestTooLarge()
    {
        var body = new JsonObject { ["digest"] = TestDigests.New(), ["padding"] = new string('a', 100_000) };

        using var response = await Anyone.PostAsJsonAsync("/api/v1/verify", body);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
    }

    [Fact]
    public async Task AnchorDigest_BodyPastTheJsonLimit_Returns413RequestTooLarge()
    {
        var body = new JsonObject { ["digest"] = TestDigests.New(), ["padding"] = new string('a', 100_000) };

        using var response = await fixture.Host.ClientWithKey(fixture.CivilKey).PostAsJsonAsync("/api/v1/documents", body);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
    }

    [Fact]
    public async Task AnchorDigest_ChunkedBodyPastTheJsonLimit_Returns413RequestTooLarge()
    {
        var bytes = Encoding.UTF8.GetBytes(new JsonObject { ["digest"] = TestDigests.New(), ["padding"] = new string('a', 100_000) }.ToJsonString());
        using var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new("application/json");

        using var response = await fixture.Host.ClientWithKey(fixture.CivilKey).PostAsync("/api/v1/documents", content);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
    }

    [Fact]
    public async Task AnchorBatch_TenThousandDigests_FitsItsLargerLimit()
    {
        var digests = Enumerable.Range(0, 10_000).Select(_ => TestDigests.New()).ToArray();

        using var response = await fixture.Host.ClientWithKey(fixture.CivilKey).PostAsync("/api/v1/documents/batch",
            new StringContent(JsonSerializer.Serialize(new { digests }, s_indented), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task VerifyUpload_PartNobodyAskedFor_IsSkippedNotBuffered()
    {
        var file = RandomNumberGenerator.GetBytes(1024);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", "licence.pdf" },
            { new ByteArrayContent(new byte[300_000]), "notes" },
        };

        using var response = await Anyone.PostAsync("/api/v1/verify/upload", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verdict = await response.Content.ReadFromJsonAsync<VerifyResponse>(TestJson.Options);
        Assert.Equal(VerdictOutcome.Unknown, verdict!.Outcome);
    }

    [Fact]
    public async Task VerifyUpload_TwoReceiptParts_Returns400InvalidRequest()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(RandomNumberGenerator.GetBytes(1024)), "file", "licence.pdf" },
            { new StringContent("{}"), "receipt" },
            { new StringContent("{}"), "receipt" },
        };

        using var response = await Anyone.PostAsync("/api/v1/verify/upload", form);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    /// <summary>A body whose length the client does not know, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
