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

    [Fact]
    public async Task CreateGrantFromConsent_TermsAsSigned_AreGranted_OtherTermsAreAnotherSignature()
    {
        const int SubjectIndex = 8;
        var signed = new GrantTerms(GrantUse.ViewOnce, 0, 2, GrantRevokers.Grantor | GrantRevokers.Grantee);
        var recordId = TestDigests.New();
        var body = await ConsentAsync(recordId, SubjectIndex, signed);

        using var changed = await Civil.PostAsJsonAsync("/api/v1/grants/consent", body with { Terms = new GrantTermsRequest("view-once", 0, 3, ["grantor", "grantee"]) });
        using var granted = await Civil.PostAsJsonAsync("/api/v1/grants/consent", body);

        await Problem.AssertAsync(changed, HttpStatusCode.BadRequest, "invalid-signature");
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var created = (await granted.Content.ReadFromJsonAsync<GrantCreatedResponse>(TestJson.Options))!;
        var grant = await fixture.Host.CreateClient().GetFromJsonAsync<GrantResponse>(created.Url, TestJson.Options);
        Assert.Equivalent(new GrantTermsResponse(GrantUse.ViewOnce, 0, 2, ["grantor", "grantee"]), grant!.Terms);
    }

    [Fact]
    public async Task CreateGrantFromConsent_SubjectCouldNotRevoke_Returns400InvalidTerms()
    {
        var body = await ConsentAsync(TestDigests.New(), 9, GrantTerms.Default with { RevocableBy = GrantRevokers.Grantee });

        using var response = await Civil.PostAsJsonAsync("/api/v1/grants/consent", body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-terms");
        Assert.Contains("consent", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
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

    private async Task<ConsentGrantRequest> ConsentAsync(string recordId, int signerIndex, GrantTerms terms)
    {
        var subject = DevAccounts.Get(signerIndex, 31337);
        var nonce = (await fixture.Chain.Reader().Documents.NonceAsync(subject.Address)).Unwrap();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds());
        var deadline = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
        var signature = new TypedDataSigner(31337, fixture.Chain.Deployment.Registry).Sign(new ConsentTyped
        {
            RecordId = Digest.Parse(recordId).ToArray(), GranteeDepartment = 2, Purpose = 9, ExpiresAt = (ulong)expiresAt.ToUnixTimeSeconds(),
            Use = (byte)terms.Use, RetentionDays = terms.RetentionDays, MaxFetches = terms.MaxFetches, RevocableBy = (byte)terms.RevocableBy,
            Nonce = nonce, Deadline = deadline.ToUnixTimeSeconds(),
        }, DevAccounts.PrivateKey(signerIndex));
        return new ConsentGrantRequest(recordId, "HEALTH", 9, expiresAt, subject.Address, deadline, "0x" + Convert.ToHexStringLower(signature),
            new GrantTermsRequest(terms.Use == GrantUse.ViewOnce ? "view-once" : "store", terms.RetentionDays, terms.MaxFetches, GrantTermsNames.Revokers(terms.RevocableBy)));
    }
}
