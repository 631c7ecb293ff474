using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Grants;
using EthGov.Api.Tests.TestSupport;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Core.Digests;
using EthGov.Core.Records;
using EthGov.Testing;

namespace EthGov.Api.Tests.Grants;

/// <summary>Grant terms on the grant routes, and kind grants (<c>POST /api/v1/grants/kinds</c>).</summary>
public sealed class GrantTermsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Civil => fixture.Host.ClientWithKey(fixture.CivilKey);

    private HttpClient Health => fixture.Host.ClientWithKey(fixture.HealthKey);

    [Fact]
    public async Task CreateGrant_WithTerms_AnswersThemAndTheChainHoldsThem_AndTheGranteeMayRenounce()
    {
        var terms = new { use = "view-once", maxFetches = 1, revocableBy = new[] { "grantor", "grantee" } };

        var created = await GrantAsync(TestDigests.New(), terms);

        var expected = new GrantTermsResponse(GrantUse.ViewOnce, 0, 1, ["grantor", "grantee"]);
        Assert.Equivalent(expected, created.Terms);
        var grant = await fixture.Host.CreateClient().GetFromJsonAsync<GrantResponse>(created.Url, TestJson.Options);
        Assert.Equivalent(expected, grant!.Terms);
        using var renounced = await Health.PostAsync($"{created.Url}/revocation", null);
        Assert.Equal(HttpStatusCode.OK, renounced.StatusCode);
    }

    [Fact]
    public async Task CreateGrant_WithoutTerms_GetsTheDefaultTerms()
    {
        var created = await GrantAsync(TestDigests.New(), terms: null);

        var grant = await fixture.Host.CreateClient().GetFromJsonAsync<GrantResponse>(created.Url, TestJson.Options);
        Assert.Equivalent(new GrantTermsResponse(GrantUse.Store, 30, 10, ["grantor"]), grant!.Terms);
    }

    [Theory]
    [InlineData("""{"use":"view-once","retentionDays":5}""")]
    [InlineData("""{"use":"store","retentionDays":0}""")]
    [InlineData("""{"maxFetches":0}""")]
    [InlineData("""{"maxFetches":70000}""")]
    [InlineData("""{"use":"keep"}""")]
    [InlineData("""{"revocableBy":["nobody"]}""")]
    public async Task CreateGrant_InvalidTerms_Returns400InvalidTerms(string terms)
    {
        var recordId = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = recordId })).EnsureSuccessStatusCode();

        using var response = await Civil.PostAsync("/api/v1/grants", Json($$"""
            {"recordId":"{{recordId}}","granteeDepartment":"HEALTH","purpose":7,"expiresAt":"{{DateTimeOffset.UtcNow.AddDays(3):O}}",
             "legalBasis":"{{TestDigests.New()}}","terms":{{terms}}}
            """));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-terms");
    }

    [Fact]
    public async Task CreateKindGrant_KindName_GrantsTheKindIdUnderKindLegalBasis()
    {
        using var response = await Civil.PostAsJsonAsync("/api/v1/grants/kinds", new
        {
            kind = "birth-certificate", granteeDepartment = "HEALTH", purpose = 3, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = TestDigests.New(),
            terms = new { use = "store", retentionDays = 90, maxFetches = 500 },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<GrantCreatedResponse>(TestJson.Options))!;
        Assert.Equal(RecordKind.Id("birth-certificate"), created.RecordId);
        var grant = await fixture.Host.CreateClient().GetFromJsonAsync<GrantResponse>(created.Url, TestJson.Options);
        Assert.Equal((GrantBasis.KindLegalBasis, RecordKind.Id("birth-certificate"), 1u, 2u), (grant!.Basis, grant.RecordId, grant.GrantorDepartment, grant.GranteeDepartment));
        Assert.Equivalent(new GrantTermsResponse(GrantUse.Store, 90, 500, ["grantor"]), grant.Terms);
    }

    [Theory]
    [InlineData("Birth Certificate")]
    [InlineData("")]
    [InlineData("a-kind-name-that-is-much-longer-than-forty-characters")]
    public async Task CreateKindGrant_NotAKindName_Returns400InvalidRecordKind(string kind)
    {
        using var response = await Civil.PostAsJsonAsync("/api/v1/grants/kinds", new
        {
            kind, granteeDepartment = "HEALTH", purpose = 3, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = TestDigests.New(),
        });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-record-kind");
    }

    [Fact]
    public async Task CreateKindGrant_ToTheOwnDepartment_Returns400SelfGrant()
    {
        using var response = await Civil.PostAsJsonAsync("/api/v1/grants/kinds", new
        {
            kind = "birth-certificate", granteeDepartment = "CIVIL", purpose = 3, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = TestDigests.New(),
        });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "self-grant");
    }

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    private async Task<GrantCreatedResponse> GrantAsync(string recordId, object? terms)
    {
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = recordId })).EnsureSuccessStatusCode();
        using var response = await Civil.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId, granteeDepartment = "HEALTH", purpose = 7, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = TestDigests.New(), terms,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GrantCreatedResponse>(TestJson.Options))!;
    }
}
