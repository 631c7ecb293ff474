using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Documents;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Core.Revocations;
using EthGov.Core.Verification;

namespace EthGov.Api.Tests.Documents;

/// <summary>The published revocation reasons: served to anyone, accepted by name or number, named in verdicts.</summary>
public sealed class RevocationReasonsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Civil => fixture.Host.ClientWithKey(fixture.CivilKey);

    [Fact]
    public async Task List_WithoutAKey_ServesEveryReasonWithItsNumberNameAndBothLanguages()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/api/v1/revocation-reasons");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var served = list.RootElement.EnumerateArray().ToArray();
        Assert.Equal(RevocationReasons.All.Select(r => $"{r.Number} {r.Name}"),
            served.Select(r => $"{r.GetProperty("number").GetInt32()} {r.GetProperty("name").GetString()}"));
        var fraud = served.Single(r => r.GetProperty("name").GetString() == "fraud");
        Assert.Equal("Obtained by fraud", fraud.GetProperty("title").GetProperty("en").GetString());
        Assert.Equal("以欺诈手段取得", fraud.GetProperty("title").GetProperty("zh-CN").GetString());
        Assert.False(string.IsNullOrEmpty(fraud.GetProperty("description").GetProperty("zh-CN").GetString()));
    }

    [Fact]
    public async Task Revoke_ReasonByName_RecordsItsNumber_AndTheVerdictNamesIt()
    {
        var digest = await AnchoredAsync();

        using var response = await Civil.PostAsJsonAsync($"/api/v1/documents/{digest}/revocation", new { reason = "fraud" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verdict = await fixture.Host.CreateClient().GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digest}", TestJson.Options);
        Assert.Equal(VerdictOutcome.Revoked, verdict!.Outcome);
        Assert.Equal((ushort)4, verdict.Facts.RevocationReason);
        Assert.Equal("fraud", verdict.Facts.RevocationReasonName);
        Assert.Contains("reason fraud (4)", verdict.Checks.Single(c => c.Name == CheckNames.NotRevoked).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ReasonByNumber_TheVerdictNamesIt()
    {
        var digest = await AnchoredAsync();

        using var response = await Civil.PostAsJsonAsync($"/api/v1/documents/{digest}/revocation", new { reason = 7 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var verdict = JsonDocument.Parse(await fixture.Host.CreateClient().GetStringAsync($"/api/v1/verify/{digest}"));
        var facts = verdict.RootElement.GetProperty("facts");
        Assert.Equal(7, facts.GetProperty("revocationReason").GetInt32());
        Assert.Equal("court-order", facts.GetProperty("revocationReasonName").GetString());
    }

    [Theory]
    [InlineData("\"frod\"")]
    [InlineData("42")]
    [InlineData("\"42\"")]
    [InlineData("4.5")]
    public async Task Revoke_ReasonNotOnTheList_Returns400UnknownRevocationReason_AndRevokesNothing(string reason)
    {
        var digest = await AnchoredAsync();

        using var response = await Civil.PostAsync($"/api/v1/documents/{digest}/revocation",
            new StringContent($$"""{ "reason": {{reason}} }""", System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "unknown-revocation-reason");
        Assert.Contains("is not a listed revocation reason", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("fraud (4)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("/api/v1/revocation-reasons", problem.GetProperty("reasons").GetString());
        var verdict = await fixture.Host.CreateClient().GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digest}", TestJson.Options);
        Assert.Equal(VerdictOutcome.Valid, verdict!.Outcome);
    }

    [Fact]
    public async Task Revoke_ReasonNeitherNameNorNumber_Returns400InvalidRequest()
    {
        using var response = await Civil.PostAsJsonAsync($"/api/v1/documents/{TestDigests.New()}/revocation", new { reason = true });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Contains("/api/v1/revocation-reasons", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> AnchoredAsync()
    {
        var digest = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest })).EnsureSuccessStatusCode();
        return digest;
    }
}
