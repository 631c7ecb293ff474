using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Grants;
using EthGov.Api.Indexing;
using EthGov.Api.Paging;
using EthGov.Api.Tests.TestSupport;
using EthGov.Chain.Keys;
using EthGov.Chain.Signing;
using EthGov.Core.Digests;
using EthGov.Core.Records;
using EthGov.Testing;

namespace EthGov.Api.Tests.Grants;

public sealed class GrantsAndAuditTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Civil => fixture.Host.ClientWithKey(fixture.CivilKey);

    private HttpClient Health => fixture.Host.ClientWithKey(fixture.HealthKey);

    [Fact]
    public async Task GrantLogRevoke_UnderLegalBasis_AuditTimelineShowsEachEventWithBlockAndTransaction()
    {
        var recordId = TestDigests.New();
        var grantId = await GrantAsync(recordId);

        using var logged = await Health.PostAsync($"/api/v1/grants/{grantId}/accesses", null);
        Assert.Equal(HttpStatusCode.OK, logged.StatusCode);
        using var revoked = await Civil.PostAsync($"/api/v1/grants/{grantId}/revocation", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        var grant = await fixture.Host.CreateClient().GetFromJsonAsync<GrantResponse>($"/api/v1/grants/{grantId}", TestJson.Options);
        Assert.True(grant!.Revoked);
        var timeline = await WaitForEventsAsync($"/api/v1/audit/records/{recordId}", 3);
        Assert.Equal(["AccessGranted", "AccessLogged", "GrantRevoked"], timeline.Items.Select(e => e.Event));
        Assert.All(timeline.Items, e => Assert.True(e.BlockNumber > 0 && e.TransactionHash.StartsWith("0x", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListGrants_ByRecordAndByGrantee_ReturnsIndexedGrants()
    {
        var recordId = TestDigests.New();
        var grantId = await GrantAsync(recordId);
        await WaitForEventsAsync($"/api/v1/audit/records/{recordId}", 1);

        var byRecord = await fixture.Host.CreateClient().GetFromJsonAsync<Page<IndexedGrant>>($"/api/v1/grants?recordId={recordId}", TestJson.Options);
        var byGrantee = await Health.GetFromJsonAsync<Page<IndexedGrant>>("/api/v1/grants?grantee=HEALTH", TestJson.Options);

        Assert.Equal(grantId, byRecord!.Items.Single().Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(byGrantee!.Items, g => g.RecordId == Digest.Parse(recordId));
    }

    [Fact]
    public async Task ListGrants_ByGrantor_ListsWhatTheDepartmentGave_ToItsOwnKeyOnly()
    {
        var recordId = TestDigests.New();
        var grantId = await GrantAsync(recordId);
        await WaitForEventsAsync($"/api/v1/audit/records/{recordId}", 1);

        var given = await Civil.GetFromJsonAsync<Page<IndexedGrant>>("/api/v1/grants?grantor=CIVIL&pageSize=500", TestJson.Options);
        var civil = given!.Items.Single(g => g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == grantId);
        Assert.All(given.Items, g => Assert.Equal(civil.GrantorDepartment, g.GrantorDepartment));
        var healthGave = await Health.GetFromJsonAsync<Page<IndexedGrant>>("/api/v1/grants?grantor=HEALTH&pageSize=500", TestJson.Options);
        Assert.DoesNotContain(healthGave!.Items, g => g.Id == civil.Id);

        // Newest first, a page after another, for the workspace's lists.
        var later = TestDigests.New();
        await GrantAsync(later);
        await WaitForEventsAsync($"/api/v1/audit/records/{later}", 1);
        var newest = await Civil.GetFromJsonAsync<Page<IndexedGrant>>("/api/v1/grants?grantor=CIVIL&newest=true&pageSize=1", TestJson.Options);
        var next = await Civil.GetFromJsonAsync<Page<IndexedGrant>>(newest!.Next!, TestJson.Options);
        Assert.True(newest.Items.Single().Id > next!.Items.Single().Id, $"{newest.Items[0].Id} then {next.Items[0].Id}");
        Assert.True(newest.Items[0].Id >= given.Items.Max(g => g.Id));

        await Problem.AssertAsync(await Health.GetAsync("/api/v1/grants?grantor=CIVIL"), HttpStatusCode.Forbidden, "forbidden");
        await Problem.AssertAsync(await fixture.Host.CreateClient().GetAsync("/api/v1/grants?grantor=CIVIL"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ListGrants_ByAnotherDepartmentsGrantee_Returns403Forbidden()
    {
        using var response = await Civil.GetAsync("/api/v1/grants?grantee=HEALTH");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AuditDepartment_OwnKey_ReturnsPagedTimeline()
    {
        var recordId = TestDigests.New();
        await GrantAsync(recordId);
        await WaitForEventsAsync($"/api/v1/audit/records/{recordId}", 1);

        var page = await Health.GetFromJsonAsync<Page<IndexedEventRow>>("/api/v1/audit/departments/HEALTH?pageSize=2", TestJson.Options);

        Assert.NotEmpty(page!.Items);
        Assert.True(page.Items.Count <= 2);
    }

    [Fact]
    public async Task AuditRecord_BadPageSize_Returns400InvalidRequest()
    {
        using var response = await fixture.Host.CreateClient().GetAsync($"/api/v1/audit/records/{TestDigests.New()}?pageSize=100000");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task LogAccess_NotTheGrantee_Returns403NotGrantee()
    {
        var grantId = await GrantAsync(TestDigests.New());

        using var response = await fixture.Host.ClientWithKey(fixture.TransportKey).PostAsync($"/api/v1/grants/{grantId}/accesses", null);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "not-grantee");
    }

    [Fact]
    public async Task LogAccess_RevokedGrant_Returns409GrantNotActive()
    {
        var grantId = await GrantAsync(TestDigests.New());
        (await Civil.PostAsync($"/api/v1/grants/{grantId}/revocation", null)).EnsureSuccessStatusCode();

        using var response = await Health.PostAsync($"/api/v1/grants/{grantId}/accesses", null);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "grant-not-active");
    }

    [Fact]
    public async Task RevokeGrant_ByTheGranteeUnderDefaultTerms_Returns403NotRevoker()
    {
        var grantId = await GrantAsync(TestDigests.New());

        using var response = await Health.PostAsync($"/api/v1/grants/{grantId}/revocation", null);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "not-revoker");
    }

    [Fact]
    public async Task CreateGrant_RecordAnchoredInABatchByThisApi_IsGrantedWithTheBatchsProof()
    {
        var digests = Enumerable.Range(0, 5).Select(_ => TestDigests.New()).ToArray();
        (await Civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests })).EnsureSuccessStatusCode();
        var anchored = await fixture.Host.WaitAnchoredAsync(digests[3]);
        Assert.NotNull(anchored.Receipt!.Batch);

        using var response = await Civil.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId = digests[3], granteeDepartment = "HEALTH", purpose = 7, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = TestDigests.New(),
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CreateGrant_RecordTheDepartmentDidNotAnchor_Returns403NotIssuingDepartment()
    {
        var recordId = TestDigests.New();
        (await Health.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = recordId })).EnsureSuccessStatusCode();

        using var response = await Civil.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId, granteeDepartment = "TRANSPORT", purpose = 7, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = TestDigests.New(),
        });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "not-issuing-department");
    }

    [Fact]
    public async Task GetGrant_Unknown_Returns404GrantNotFound()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/api/v1/grants/9999");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "grant-not-found");
    }

    [Fact]
    public async Task CreateGrant_UnknownGrantee_Returns404DepartmentNotFound()
    {
        using var response = await Civil.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId = TestDigests.New(), granteeDepartment = "NOSUCH", purpose = 1, expiresAt = DateTimeOffset.UtcNow.AddDays(1), legalBasis = TestDigests.New(),
        });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "department-not-found");
    }

    [Fact]
    public async Task CreateGrant_ExpiryInThePast_Returns400InvalidExpiry()
    {
        using var response = await Civil.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId = TestDigests.New(), granteeDepartment = "HEALTH", purpose = 1, expiresAt = DateTimeOffset.UtcNow.AddDays(-1), legalBasis = TestDigests.New(),
        });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-expiry");
    }

    // Issue 19: a citizen consents with a passkey only; the route that relayed an Ethereum key's consent is gone, and a
    // request to it, with a well-formed body and a valid key, is answered as any unknown route: no grant, no transaction.
    [Fact]
    public async Task CreateGrantFromWalletConsent_RouteRemoved_AnswersLikeAnUnknownRoute()
    {
        var recordId = TestDigests.New();
        using var response = await Civil.PostAsJsonAsync("/api/v1/grants/consent", new
        {
            recordId, granteeDepartment = "HEALTH", purpose = 9, expiresAt = DateTimeOffset.UtcNow.AddDays(30),
            subject = DevAccounts.Get(6, 31337).Address, deadline = DateTimeOffset.UtcNow.AddHours(1), signature = "0x" + new string('1', 130),
        });

        await Problem.AssertAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        var listed = await fixture.Host.CreateClient().GetStringAsync($"/api/v1/grants?recordId={recordId}");
        Assert.DoesNotContain(recordId, listed, StringComparison.OrdinalIgnoreCase);
    }

    // CIVIL anchors the record (a legal-basis grant is only for a record the grantor issued), then grants HEALTH access.
    private async Task<string> GrantAsync(string recordId)
    {
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = recordId })).EnsureSuccessStatusCode();
        using var response = await Civil.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId, granteeDepartment = "HEALTH", purpose = 7, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = TestDigests.New(),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GrantCreatedResponse>(TestJson.Options))!.GrantId;
    }

    private async Task<Page<IndexedEventRow>> WaitForEventsAsync(string url, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await fixture.Host.CreateClient().GetFromJsonAsync<Page<IndexedEventRow>>(url, TestJson.Options);
            if (page!.Items.Count(e => e.Event != "DocumentAnchored") >= count || DateTime.UtcNow > deadline)
            {
                return page with { Items = [.. page.Items.Where(e => e.Event != "DocumentAnchored")] };
            }

            await Task.Delay(100);
        }
    }
}
