using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Chain.Bindings;
using EthGov.Chain.Keys;
using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Api.Tests.Requests;

/// <summary>
/// Times before 1970 or after 9999, in every request that takes a time and in every time read from the chain: 400 with
/// a problem for a request, a readable answer for a chain value, never a 500.
/// </summary>
public sealed class RequestTimesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Before1970 = "1969-07-20T20:17:40Z";
    private const string After9999 = "10000-01-01T00:00:00Z";

    private HttpClient Civil => fixture.Host.ClientWithKey(fixture.CivilKey);

    private static TheoryData<string, string> TimedRequests(string time) => new()
    {
        { "/api/v1/documents", $$"""{ "digest": "{{TestDigests.New()}}", "validUntil": "{{time}}" }""" },
        { "/api/v1/documents/batch", $$"""{ "digests": ["{{TestDigests.New()}}"], "validUntil": "{{time}}" }""" },
        { $"/api/v1/documents/{TestDigests.New()}/supersession", $$"""{ "newDigest": "{{TestDigests.New()}}", "validUntil": "{{time}}" }""" },
        { "/api/v1/grants", $$"""{ "recordId": "{{TestDigests.New()}}", "granteeDepartment": "HEALTH", "purpose": 1, "expiresAt": "{{time}}", "legalBasis": "{{TestDigests.New()}}" }""" },
        { "/api/v1/departments/proposals", $$"""{ "kind": "change-threshold", "threshold": 2, "deadline": "{{time}}" }""" },
        { "/api/v1/departments/proposals", $$"""{ "kind": "suspend-department", "department": "TRANSPORT", "deadline": "{{time}}" }""" },
    };

    public static TheoryData<string, string> RequestsBefore1970() => TimedRequests(Before1970);

    public static TheoryData<string, string> RequestsAfter9999() => TimedRequests(After9999);

    [Theory]
    [MemberData(nameof(RequestsBefore1970))]
    public async Task TimeBefore1970_InAnyRequest_Returns400TimeOutOfRange(string path, string body)
    {
        using var response = await Civil.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "time-out-of-range");
        Assert.Contains("1970-01-01", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RequestsAfter9999))]
    public async Task TimeAfter9999_InAnyRequest_Returns400InvalidRequest(string path, string body)
    {
        using var response = await Civil.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [InlineData(Before1970, "time-out-of-range")]
    [InlineData(After9999, "invalid-request")]
    public async Task AnchorUpload_ValidUntilOutOfRange_Returns400(string validUntil, string type)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("upload " + TestDigests.New())), "file", "a.txt" } };

        using var response = await Civil.PostAsync($"/api/v1/documents/upload?validUntil={Uri.EscapeDataString(validUntil)}", form);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, type);
    }

    [Fact]
    public async Task Verify_DocumentValidBeyond9999OnChain_AnswersValidUntilTheLastSecondOf9999()
    {
        // Any client may anchor with a uint64 validUntil; 2^40 seconds is in the year 36812.
        var digest = Digest.Parse(TestDigests.New());
        var web3 = new Nethereum.Web3.Web3(DevAccounts.Get(3, 31337), fixture.Chain.Node.RpcUrl.ToString());
        var sent = await web3.Eth.GetContractTransactionHandler<AnchorFunction>()
            .SendRequestAndWaitForReceiptAsync(fixture.Chain.Deployment.Registry, new AnchorFunction { Digest = digest.ToArray(), ValidUntil = 1UL << 40 });
        Assert.Equal(1UL, (ulong)sent.Status.Value);

        using var response = await fixture.Host.CreateClient().GetAsync($"/api/v1/verify/{digest}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verdict = await response.Content.ReadFromJsonAsync<VerifyResponse>(TestJson.Options);
        Assert.Equal(VerdictOutcome.Valid, verdict!.Outcome);
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), verdict.Facts.ValidUntil);
    }
}
