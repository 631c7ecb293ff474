using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using EthGov.Api.GrantRequests;
using EthGov.Api.Indexing;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Core.Digests;
using EthGov.Core.Records;
using EthGov.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Tests.GrantRequests;

/// <summary>
/// The staff routes of grant requests on one host signing for all three dev departments. Incoming requests are put in the
/// queue as the node route puts them (the node route itself runs between real nodes in the node tests); CIVIL holds and
/// decides, HEALTH asked. The host has no node key, so asking stops before anything would be sent.
/// </summary>
public sealed class GrantRequestsApiTests(GrantRequestsApiTests.Fixture fixture) : IClassFixture<GrantRequestsApiTests.Fixture>
{
    [Fact]
    public async Task Approve_CreatesTheKindGrantOnChain_WithTheLegalBasisDigest_AndIsToldToTheRequester()
    {
        var request = fixture.Incoming(kind: "birth-certificate", legalBasis: "Civil Status Act s.7");
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);

        using var response = await civil.PostAsync($"/api/v1/grant-requests/{request.Id}/approval", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var approved = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, approved.GetProperty("delivery").ValueKind);
        var grantId = BigInteger.Parse(approved.GetProperty("grantId").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var grant = (await fixture.Chain.ClientFor(1).Grants.GetAsync(grantId)).Unwrap();
        Assert.Equal(1u, grant.GrantorDepartment);
        Assert.Equal(2u, grant.GranteeDepartment);
        Assert.Equal(RecordKind.Id("birth-certificate"), grant.RecordId);
        Assert.Equal(request.ExpiresAt, grant.ExpiresAt);
        Assert.Equal(GrantRequestRules.LegalBasisDigest("Civil Status Act s.7").ToString(), approved.GetProperty("legalBasisDigest").GetString());
    }

    [Fact]
    public async Task Delivery_OfAnApproval_FromANodeWithoutANodeKey_ErrorIsChinese_AndEnglishReadable()
    {
        var request = fixture.Incoming(kind: "marriage-certificate");
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        using var approved = await civil.PostAsync($"/api/v1/grant-requests/{request.Id}/approval", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var zh = await DeliveryErrorAsync(civil, request.Id, "zh-CN");
        var en = await DeliveryErrorAsync(civil, request.Id, "en");

        EnglishSentences.AssertChinese(zh, "本节点没有节点密钥（EthGov:NodeKey），无法签名");
        Assert.StartsWith("this node has no node key (EthGov:NodeKey): it cannot sign", en, StringComparison.Ordinal);
        Assert.Equal("no-node-key()", fixture.Store.Get(request.Id)!.Error);
    }

    [Fact]
    public async Task RefusedForGoodByTheHoldersNode_IsSaidInChinese_AndAClerksReasonStaysAsWritten()
    {
        // As the worker stores it when the holder's node answers a problem that will not pass.
        var code = StoredError.Of(StoredErrors.NodeRefused, ("department", 1), ("status", 409), ("type", GrantRequestProblems.Decided),
            ("title", "The grant request was already decided")).ToString();
        var byNode = fixture.Store.Add(Fixture.Request(GrantRequestDirections.Outgoing, 2, "HEALTH", "refused-by-node", "Act", GrantRequestStates.Pending)).Stored;
        Assert.True(fixture.Store.Decided(byNode.Id, GrantRequestStates.Refused, null, DateTimeOffset.UtcNow, code, null));

        // A clerk may write anything, a code's form too: it is their words, never read as the node's.
        var byClerk = fixture.Store.Add(Fixture.Request(GrantRequestDirections.Outgoing, 2, "HEALTH", "refused-by-clerk", "Act", GrantRequestStates.Pending)).Stored;
        Assert.True(fixture.Store.Decided(byClerk.Id, GrantRequestStates.Refused, "CIVIL: staff ada", DateTimeOffset.UtcNow, code, null));
        using var health = fixture.Host.ClientWithKey(fixture.HealthKey);

        var zh = await ReasonAsync(health, byNode.Id, "zh-CN");
        var en = await ReasonAsync(health, byNode.Id, "en");

        EnglishSentences.AssertChinese(zh, "部门 1 的节点最终拒绝了该申请：该授权申请已有决定");
        Assert.Equal("department 1's node refused the request for good: The grant request was already decided", en);
        Assert.Equal(code, await ReasonAsync(health, byClerk.Id, "zh-CN"));
        Assert.Equal(code, await ReasonAsync(health, byClerk.Id, "en"));
    }

    private static async Task<string?> ReasonAsync(HttpClient client, long id, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/grant-requests/{id}");
        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("reason").GetString();
    }

    // The worker tries to tell the requester, cannot sign, and keeps why: waits for that, then reads it in the language.
    private static async Task<string> DeliveryErrorAsync(HttpClient client, long id, string language)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/grant-requests/{id}");
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var delivery = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("delivery");
            // Until the first attempt, the delivery has no error (null members are left out of the answer).
            if (delivery.ValueKind == JsonValueKind.Object && delivery.TryGetProperty("error", out var stored) && stored.GetString() is { } error)
            {
                return error;
            }

            Assert.True(DateTime.UtcNow < deadline, "the approval's delivery was never tried");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ApprovalsANodeStoppedIn_AreSettledFromTheChain_AndNoRequestIsGrantedTwice()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var granted = fixture.Incoming(kind: "adoption-order", legalBasis: "Adoption Act s.3");
        var lost = fixture.Incoming(kind: "name-change", legalBasis: "Names Act s.2");
        Assert.True(fixture.Store.TryClaim(granted.Id, "CIVIL: key 1"));
        Assert.True(fixture.Store.TryClaim(lost.Id, "CIVIL: key 1"));

        // The node stopped after the grant of one reached the chain, before it was recorded; the other's never did.
        var grantId = await GrantAsOnApprovalAsync(civil, granted);
        var index = fixture.Host.Services.GetRequiredService<IndexStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!index.Grants(RecordKind.Id("adoption-order"), 2, 0, 10, 1).Any(g => g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == grantId))
        {
            Assert.True(DateTime.UtcNow < deadline, "the grant was not indexed");
            await Task.Delay(100);
        }

        // Seen from later than the approval timeout: one approved with the grant found, the other pending again.
        var approvals = new GrantRequestApprovals(fixture.Store, index, Options.Create(new GrantRequestOptions()), new Later(TimeSpan.FromHours(1)));
        Assert.Equal(2, approvals.SettleStale(10));
        var settled = fixture.Store.Get(granted.Id)!;
        Assert.Equal((GrantRequestStates.Approved, grantId, true), (settled.State, settled.GrantId, settled.Notify));
        var pending = fixture.Store.Get(lost.Id)!;
        Assert.Equal(GrantRequestStates.Pending, pending.State);
        Assert.Equal("approval-interrupted()", pending.Error);
        Assert.EndsWith("approve it again", StoredErrors.Render(pending.Error!).English, StringComparison.Ordinal);
        EnglishSentences.AssertChinese(StoredErrors.Render(pending.Error!).Chinese, "请重新审批");

        // A request asking what a live grant already gives is approved with that grant, with no second one.
        var sameTerms = fixture.Store.Add(GrantRequestsApiTests.Fixture.Request(GrantRequestDirections.Incoming, 2, "HEALTH", "adoption-order", "Adoption Act s.3",
            GrantRequestStates.Pending) with { ExpiresAt = granted.ExpiresAt }).Stored;
        using var approved = await civil.PostAsync($"/api/v1/grant-requests/{sameTerms.Id}/approval", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(grantId, JsonDocument.Parse(await approved.Content.ReadAsStringAsync()).RootElement.GetProperty("grantId").GetString());
        Assert.Single(index.Grants(RecordKind.Id("adoption-order"), 2, 0, 10, 1));
    }

    [Fact]
    public async Task ApproveTwice_Is409Decided_AndRefusingAfterwardsToo()
    {
        var request = fixture.Incoming(kind: "marriage-certificate");
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        using (var first = await civil.PostAsync($"/api/v1/grant-requests/{request.Id}/approval", null))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var again = await Problem.AssertAsync(await civil.PostAsync($"/api/v1/grant-requests/{request.Id}/approval", null), HttpStatusCode.Conflict, GrantRequestProblems.Decided);
        Assert.Equal("approved", again.GetProperty("state").GetString());
        await Problem.AssertAsync(
            await civil.PostAsJsonAsync($"/api/v1/grant-requests/{request.Id}/refusal", new { reason = "too late" }), HttpStatusCode.Conflict, GrantRequestProblems.Decided);
    }

    [Fact]
    public async Task AnotherDepartment_CannotSeeApproveOrRefuse_TheHoldersRequest_404()
    {
        var request = fixture.Incoming(kind: "death-certificate");
        using var health = fixture.Host.ClientWithKey(fixture.HealthKey);
        using var transport = fixture.Host.ClientWithKey(fixture.TransportKey);

        await Problem.AssertAsync(await health.PostAsync($"/api/v1/grant-requests/{request.Id}/approval", null), HttpStatusCode.NotFound, GrantRequestProblems.NotFound);
        await Problem.AssertAsync(await transport.PostAsJsonAsync($"/api/v1/grant-requests/{request.Id}/refusal", new { reason = "no" }), HttpStatusCode.NotFound, GrantRequestProblems.NotFound);
        await Problem.AssertAsync(await transport.GetAsync($"/api/v1/grant-requests/{request.Id}"), HttpStatusCode.NotFound, GrantRequestProblems.NotFound);
        var listed = JsonDocument.Parse(await transport.GetStringAsync("/api/v1/grant-requests?direction=incoming")).RootElement.GetProperty("items");
        Assert.DoesNotContain(listed.EnumerateArray(), r => r.GetProperty("id").GetInt64() == request.Id);
        Assert.Equal("pending", fixture.Store.Get(request.Id)!.State);
    }

    [Fact]
    public async Task Refuse_KeepsTheReason_AndAReasonIsRequired()
    {
        var request = fixture.Incoming(kind: "residence-permit");
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);

        await Problem.AssertAsync(await civil.PostAsJsonAsync($"/api/v1/grant-requests/{request.Id}/refusal", new { reason = " " }), HttpStatusCode.BadRequest, "invalid-request");
        using var refused = await civil.PostAsJsonAsync($"/api/v1/grant-requests/{request.Id}/refusal", new { reason = "Not covered by the act." });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var stored = fixture.Store.Get(request.Id)!;
        Assert.Equal(GrantRequestStates.Refused, stored.State);
        Assert.Equal("Not covered by the act.", stored.Reason);
        Assert.True(stored.Notify);
    }

    [Fact]
    public async Task Ask_InvalidRequests_AreProblems()
    {
        using var health = fixture.Host.ClientWithKey(fixture.HealthKey);
        var expires = DateTimeOffset.UtcNow.AddDays(30);

        await Problem.AssertAsync(await health.PostAsJsonAsync("/api/v1/grant-requests",
            new { holderDepartment = "CIVIL", recordId = TestDigests.New(), kind = "birth-certificate", purpose = 1, expiresAt = expires, legalBasis = "Act" }),
            HttpStatusCode.BadRequest, "invalid-request");
        await Problem.AssertAsync(await health.PostAsJsonAsync("/api/v1/grant-requests",
            new { holderDepartment = "CIVIL", kind = "Not A Kind", purpose = 1, expiresAt = expires, legalBasis = "Act" }),
            HttpStatusCode.BadRequest, "invalid-record-kind");
        await Problem.AssertAsync(await health.PostAsJsonAsync("/api/v1/grant-requests",
            new { holderDepartment = "CIVIL", kind = "birth-certificate", purpose = 1, expiresAt = expires, legalBasis = new string('x', 1001) }),
            HttpStatusCode.BadRequest, "invalid-request");
        await Problem.AssertAsync(await health.PostAsJsonAsync("/api/v1/grant-requests",
            new { holderDepartment = "CIVIL", kind = "birth-certificate", purpose = 1, expiresAt = DateTimeOffset.UtcNow.AddDays(400), legalBasis = "Act" }),
            HttpStatusCode.BadRequest, "invalid-expiry");
        await Problem.AssertAsync(await health.PostAsJsonAsync("/api/v1/grant-requests",
            new { holderDepartment = "HEALTH", kind = "birth-certificate", purpose = 1, expiresAt = expires, legalBasis = "Act" }),
            HttpStatusCode.BadRequest, "self-grant");
        await Problem.AssertAsync(await health.PostAsJsonAsync("/api/v1/grant-requests",
            new { holderDepartment = "NOWHERE", kind = "birth-certificate", purpose = 1, expiresAt = expires, legalBasis = "Act" }),
            HttpStatusCode.NotFound, "department-not-found");
        await Problem.AssertAsync(await health.PostAsJsonAsync("/api/v1/grant-requests",
            new { holderDepartment = "CIVIL", kind = "birth-certificate", purpose = 1, expiresAt = expires, legalBasis = "Act" }),
            HttpStatusCode.ServiceUnavailable, "node-key-missing");
        Assert.Equal(0, fixture.Store.CountOpen(GrantRequestDirections.Outgoing, 2));
    }

    [Fact]
    public async Task Ask_WithAsManyOpenRequestsAsAllowed_Is429QueueFull()
    {
        // TRANSPORT already waits on the configured limit (3) of its own requests.
        for (int i = 0; i < 3; i++)
        {
            fixture.Store.Add(Fixture.Request(GrantRequestDirections.Outgoing, 3, "TRANSPORT", "kind-" + i, "Act", GrantRequestStates.Pending));
        }

        using var transport = fixture.Host.ClientWithKey(fixture.TransportKey);
        await Problem.AssertAsync(await transport.PostAsJsonAsync("/api/v1/grant-requests",
            new { holderDepartment = "CIVIL", kind = "birth-certificate", purpose = 1, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = "Act" }),
            HttpStatusCode.TooManyRequests, GrantRequestProblems.QueueFull);
    }

    [Fact]
    public async Task List_NeedsADirection_AndACaller()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        using var anonymous = fixture.Host.CreateClient();

        await Problem.AssertAsync(await civil.GetAsync("/api/v1/grant-requests?direction=both"), HttpStatusCode.BadRequest, "invalid-request");
        await Problem.AssertAsync(await civil.GetAsync("/api/v1/grant-requests?direction=incoming&pageSize=101"), HttpStatusCode.BadRequest, "invalid-request");
        await Problem.AssertAsync(await anonymous.GetAsync("/api/v1/grant-requests?direction=incoming"), HttpStatusCode.Unauthorized, "unauthorized");
        var page = JsonDocument.Parse(await civil.GetStringAsync("/api/v1/grant-requests?direction=incoming")).RootElement;
        Assert.Equal("CIVIL", page.GetProperty("department").GetString());
    }

    // The kind grant an approval of <paramref name="request"/> sends, sent directly: its id.
    private static async Task<string> GrantAsOnApprovalAsync(HttpClient civil, GrantRequest request)
    {
        using var response = await civil.PostAsJsonAsync("/api/v1/grants/kinds", new
        {
            kind = request.Kind, granteeDepartment = request.RequesterCode, purpose = request.Purpose, expiresAt = request.ExpiresAt,
            legalBasis = GrantRequestRules.LegalBasisDigest(request.LegalBasis).ToString(),
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("grantId").GetString()!;
    }

    private sealed class Later(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    /// <summary>A host with a small queue, and keys for the three departments.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public DevChain Chain { get; } = new();

        public ApiHost Host { get; private set; } = null!;

        public string CivilKey { get; private set; } = null!;

        public string HealthKey { get; private set; } = null!;

        public string TransportKey { get; private set; } = null!;

        public GrantRequestStore Store => Host.Services.GetRequiredService<GrantRequestStore>();

        public async Task InitializeAsync()
        {
            await Chain.InitializeAsync();
            Host = await ApiHost.StartAsync(Chain, new Dictionary<string, string?> { ["EthGov:GrantRequests:MaxOpenPerDepartment"] = "3" });
            CivilKey = await Host.CreateKeyAsync("CIVIL");
            HealthKey = await Host.CreateKeyAsync("HEALTH");
            TransportKey = await Host.CreateKeyAsync("TRANSPORT");
        }

        /// <summary>A request of HEALTH in CIVIL's queue, as the node route stores it.</summary>
        public GrantRequest Incoming(string kind, string legalBasis = "Act s.1")
            => Store.Add(Request(GrantRequestDirections.Incoming, 2, "HEALTH", kind, legalBasis, GrantRequestStates.Pending)).Stored;

        public static GrantRequest Request(string direction, uint requester, string requesterCode, string kind, string legalBasis, string state)
            => new(0, GrantRequestRules.NewRequestId(), direction, requester, requesterCode, 1, "CIVIL", null, kind, 5,
                DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds()), legalBasis, null, null, state, "HEALTH: key 1",
                DateTimeOffset.UtcNow, null, null, null, null, null, Notify: false, 0, DateTimeOffset.UnixEpoch, null);

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Chain.DisposeAsync();
        }
    }
}
