using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Departments;
using EthGov.Api.Documents;
using EthGov.Api.Indexing;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using EthGov.Testing;

namespace EthGov.Api.Tests.Departments;

/// <summary>
/// A department's keys through the API: time-locked additions with the new key's consent, a stolen key's request
/// cancelled by the department, compromise reports and what they do to the documents a key anchored. Each test works
/// on its own department so that their key changes do not meet.
/// </summary>
public sealed class KeysApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private DevChain Chain => fixture.Chain;

    private HttpClient Civil => fixture.Host.ClientWithKey(fixture.CivilKey);

    private HttpClient Health => fixture.Host.ClientWithKey(fixture.HealthKey);

    private HttpClient Transport => fixture.Host.ClientWithKey(fixture.TransportKey);

    [Fact]
    public async Task AddSigner_OneKeyCannotApplyItBeforeTheDelay_ThenAnyKeyOfTheDepartmentDoes()
    {
        var newKey = await ChainKeys.NewFundedAsync(Chain);
        var consent = await ChainKeys.ConsentAsync(Chain, newKey, 1);

        using var requested = await Civil.PostAsJsonAsync("/api/v1/departments/signer-changes", new { kind = "add-signer", signer = newKey.Address, consent = consent.Token });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var created = (await requested.Content.ReadFromJsonAsync<SignerChangeCreatedResponse>(TestJson.Options))!;
        using var tooEarly = await Civil.PostAsync($"{created.Url}/application", null);
        await Problem.AssertAsync(tooEarly, HttpStatusCode.Conflict, "signer-change-too-early");

        await Chain.IncreaseTimeAsync(DevChain.SignerChangeDelay);
        using var applied = await Civil.PostAsync($"{created.Url}/application", null);

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var change = await fixture.Host.CreateClient().GetFromJsonAsync<SignerChangeResponse>(created.Url, TestJson.Options);
        Assert.Equal((SignerChangeKind.AddSigner, SignerChangeStatus.Applied, 1u), (change!.Kind, change.Status, change.DepartmentId));
        Assert.Equal(change.RequestedAt.AddSeconds(DevChain.SignerChangeDelay), created.ExecutableAt);
        var keys = await fixture.Host.CreateClient().GetFromJsonAsync<KeyResponse[]>("/api/v1/departments/CIVIL/keys", TestJson.Options);
        Assert.Contains(keys!, k => k.State == KeyState.Current && string.Equals(k.Address, newKey.Address, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task StolenKey_RequestsAddingTheThiefsKey_TheDepartmentCancelsIt_AndItCanNeverBeApplied()
    {
        var stolen = await ChainKeys.NewFundedAsync(Chain);
        await ChainKeys.AddThroughApiAsync(Chain, Health, 2, stolen);
        var thief = ChainKeys.ClientFor(Chain, stolen);
        var thiefsOwn = await ChainKeys.NewFundedAsync(Chain);
        var consent = await ChainKeys.ConsentAsync(Chain, thiefsOwn, 2);
        var (_, changeId) = (await thief.Departments.RequestAddSignerAsync(thiefsOwn.Address, consent.Deadline, consent.Signature)).Unwrap();

        var tooEarly = await thief.Departments.ApplySignerChangeAsync(changeId);
        var pending = await fixture.Host.CreateClient().GetFromJsonAsync<EthGov.Api.Paging.Page<SignerChangeResponse>>("/api/v1/departments/HEALTH/signer-changes", TestJson.Options);
        var seen = pending!.Items.Single(c => c.Id == changeId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var cancelled = await Health.PostAsync($"/api/v1/departments/signer-changes/{changeId}/cancellation", null);
        await Chain.IncreaseTimeAsync(DevChain.SignerChangeDelay);
        var late = await thief.Departments.ApplySignerChangeAsync(changeId);

        Assert.Equal("SignerChangeTooEarly", tooEarly.Error?.Name);
        Assert.Equal((SignerChangeStatus.Pending, stolen.Address), (seen.Status, seen.RequestedBy), new AddressPair());
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("SignerChangeNotPending", late.Error?.Name);
        var keys = await fixture.Host.CreateClient().GetFromJsonAsync<KeyResponse[]>("/api/v1/departments/HEALTH/keys", TestJson.Options);
        Assert.DoesNotContain(keys!, k => string.Equals(k.Address, thiefsOwn.Address, StringComparison.OrdinalIgnoreCase));
        using var again = await Health.PostAsync($"/api/v1/departments/signer-changes/{changeId}/cancellation", null);
        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "signer-change-not-pending");
        var after = await fixture.Host.CreateClient().GetFromJsonAsync<EthGov.Api.Paging.Page<SignerChangeResponse>>("/api/v1/departments/HEALTH/signer-changes", TestJson.Options);
        var history = await fixture.Host.CreateClient().GetFromJsonAsync<EthGov.Api.Paging.Page<SignerChangeResponse>>("/api/v1/departments/HEALTH/signer-changes?status=all", TestJson.Options);
        Assert.DoesNotContain(after!.Items, c => c.Id == seen.Id);
        Assert.Equal(SignerChangeStatus.Cancelled, history!.Items.Single(c => c.Id == seen.Id).Status);
    }

    [Fact]
    public async Task ListSignerChanges_PagesTheDepartmentsPendingChanges_NewestFirst()
    {
        var ids = new List<string>();
        foreach (var _ in new[] { 1, 2 })
        {
            var key = await ChainKeys.NewFundedAsync(Chain);
            var consent = await ChainKeys.ConsentAsync(Chain, key, 1);
            using var requested = await Civil.PostAsJsonAsync("/api/v1/departments/signer-changes", new { kind = "add-signer", signer = key.Address, consent = consent.Token });
            ids.Add((await requested.Content.ReadFromJsonAsync<SignerChangeCreatedResponse>(TestJson.Options))!.ChangeId);
        }

        var open = fixture.Host.CreateClient();
        var first = await open.GetFromJsonAsync<EthGov.Api.Paging.Page<SignerChangeResponse>>("/api/v1/departments/CIVIL/signer-changes?pageSize=1", TestJson.Options);
        var second = await open.GetFromJsonAsync<EthGov.Api.Paging.Page<SignerChangeResponse>>(first!.Next, TestJson.Options);
        using var badCursor = await open.GetAsync("/api/v1/departments/CIVIL/signer-changes?cursor=not-ours");
        using var badStatus = await open.GetAsync("/api/v1/departments/CIVIL/signer-changes?status=applied");
        using var badSize = await open.GetAsync("/api/v1/departments/CIVIL/signer-changes?pageSize=101");
        foreach (var id in ids)
        {
            (await Civil.PostAsync($"/api/v1/departments/signer-changes/{id}/cancellation", null)).EnsureSuccessStatusCode();
        }

        Assert.Equal([ids[1]], first.Items.Select(c => c.Id));
        Assert.Contains("pageSize=1", first.Next, StringComparison.Ordinal);
        Assert.Equal([ids[0]], second!.Items.Select(c => c.Id));
        await Problem.AssertAsync(badCursor, HttpStatusCode.BadRequest, "invalid-cursor");
        await Problem.AssertAsync(badStatus, HttpStatusCode.BadRequest, "invalid-request");
        await Problem.AssertAsync(badSize, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task AddSigner_ConsentSignedForAnotherDepartment_Returns400InvalidConsent_AndNothingIsRequested()
    {
        var newKey = await ChainKeys.NewFundedAsync(Chain);
        var forHealth = await ChainKeys.ConsentAsync(Chain, newKey, 2);
        var before = (await Chain.Reader().SignerChanges.CountAsync()).Unwrap();

        using var asFile = await Civil.PostAsJsonAsync("/api/v1/departments/signer-changes",
            new { kind = "add-signer", signer = newKey.Address, consent = JsonDocument.Parse(forHealth.ToJson()).RootElement });
        using var asToken = await Civil.PostAsJsonAsync("/api/v1/departments/signer-changes", new { kind = "add-signer", signer = newKey.Address, consent = forHealth.Token });
        using var missing = await Civil.PostAsJsonAsync("/api/v1/departments/signer-changes", new { kind = "add-signer", signer = newKey.Address });

        var file = await Problem.AssertAsync(asFile, HttpStatusCode.BadRequest, "invalid-consent");
        Assert.Contains("another department", file.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problem.AssertAsync(asToken, HttpStatusCode.BadRequest, "invalid-consent");
        await Problem.AssertAsync(missing, HttpStatusCode.BadRequest, "invalid-consent");
        Assert.Equal(before, (await Chain.Reader().SignerChanges.CountAsync()).Unwrap());
    }

    [Fact]
    public async Task ReportCompromisedKey_DocumentsItAnchoredSinceThenVerifyAsKeyCompromised_EarlierOnesStayValid()
    {
        var second = await ChainKeys.NewFundedAsync(Chain);
        await ChainKeys.AddThroughApiAsync(Chain, Transport, 3, second);
        var byStolenKey = ChainKeys.ClientFor(Chain, second);
        var before = NewDigest();
        (await byStolenKey.Documents.AnchorAsync(before)).Unwrap();
        await Chain.IncreaseTimeAsync(100);
        var since = await ChainKeys.ChainNowAsync(Chain);
        await Chain.IncreaseTimeAsync(100);
        var after = NewDigest();
        (await byStolenKey.Documents.AnchorAsync(after)).Unwrap();

        using var reported = await Transport.PostAsJsonAsync("/api/v1/departments/compromise-reports", new { key = second.Address, compromisedSince = since });

        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        var report = await reported.Content.ReadFromJsonAsync<CompromiseReportResponse>(TestJson.Options);
        Assert.Equal((3u, (ushort)2, (DateTimeOffset?)since), (report!.DepartmentId, report.KeyId, report.CompromisedSince));
        var open = fixture.Host.CreateClient();
        var afterVerdict = await open.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{after}?department=TRANSPORT", TestJson.Options);
        var beforeVerdict = await open.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{before}?department=TRANSPORT", TestJson.Options);
        Assert.Equal(VerdictOutcome.KeyCompromised, afterVerdict!.Outcome);
        Assert.Equal(since, afterVerdict.Facts.KeyCompromisedSince);
        Assert.Equal(VerdictOutcome.Valid, beforeVerdict!.Outcome);
        var keys = await open.GetFromJsonAsync<KeyResponse[]>("/api/v1/departments/TRANSPORT/keys", TestJson.Options);
        Assert.Equal([KeyState.Current, KeyState.Compromised], keys!.Select(k => k.State));
        Assert.Equal(since, keys![1].CompromisedSince);

        // The compromised key can never act again; TRANSPORT's last key cannot be reported by the department itself.
        var refused = await byStolenKey.Documents.AnchorAsync(NewDigest());
        using var lastKey = await Transport.PostAsJsonAsync("/api/v1/departments/compromise-reports", new { key = Chain.ClientFor(3).Context.SignerAddress, compromisedSince = since });
        Assert.Equal("NotActiveSigner", refused.Error?.Name);
        await Problem.AssertAsync(lastKey, HttpStatusCode.Conflict, "last-signer");
    }

    [Fact]
    public async Task Audit_ShowsTheKeyEvents_WithKeyIdsAndTheSignerOfEachChange()
    {
        var key = await ChainKeys.NewFundedAsync(Chain);
        var consent = await ChainKeys.ConsentAsync(Chain, key, 1);
        using var requested = await Civil.PostAsJsonAsync("/api/v1/departments/signer-changes", new { kind = "add-signer", signer = key.Address, consent = consent.Token });
        var created = (await requested.Content.ReadFromJsonAsync<SignerChangeCreatedResponse>(TestJson.Options))!;
        await Chain.IncreaseTimeAsync(DevChain.SignerChangeDelay);
        (await Civil.PostAsync($"{created.Url}/application", null)).EnsureSuccessStatusCode();
        var since = await ChainKeys.ChainNowAsync(Chain);
        (await Civil.PostAsJsonAsync("/api/v1/departments/compromise-reports", new { key = key.Address, compromisedSince = since })).EnsureSuccessStatusCode();

        var events = await WaitForAsync(Civil, "/api/v1/audit/departments/CIVIL", rows => rows.Any(r => r.Event == "KeyCompromised" && Is(r, "key", key.Address)));

        var request = events.Single(r => r.Event == "SignerChangeRequested" && r.Data.GetProperty("changeId").GetString() == created.ChangeId);
        Assert.Equal("add-signer", request.Data.GetProperty("kind").GetString());
        Assert.True(Is(request, "signer", key.Address));
        Assert.Contains(events, r => r.Event == "SignerChangeApplied" && r.Data.GetProperty("changeId").GetString() == created.ChangeId);
        var keyId = events.Single(r => r.Event == "SignerAdded" && Is(r, "signer", key.Address)).Data.GetProperty("keyId").GetInt32();
        Assert.Contains(events, r => r.Event == "SignerRemoved" && Is(r, "signer", key.Address) && r.Data.GetProperty("keyId").GetInt32() == keyId);
        var compromised = events.Single(r => r.Event == "KeyCompromised" && Is(r, "key", key.Address));
        Assert.Equal((keyId, since.ToUnixTimeSeconds()), (compromised.Data.GetProperty("keyId").GetInt32(), compromised.Data.GetProperty("since").GetInt64()));
        Assert.Contains(events, r => r.Event == "PendingSignerChangesCancelled");
    }

    [Fact]
    public async Task ReportCompromisedKey_BadTimes_Return400InvalidCompromisedSince()
    {
        var key = Chain.ClientFor(1).Context.SignerAddress;

        using var before1970 = await Civil.PostAsJsonAsync("/api/v1/departments/compromise-reports", new { key, compromisedSince = "1969-12-31T00:00:00Z" });
        using var future = await Civil.PostAsJsonAsync("/api/v1/departments/compromise-reports", new { key, compromisedSince = DateTimeOffset.UtcNow.AddDays(400) });
        using var missing = await Civil.PostAsJsonAsync("/api/v1/departments/compromise-reports", new { key });

        await Problem.AssertAsync(before1970, HttpStatusCode.BadRequest, "invalid-compromised-since");
        await Problem.AssertAsync(future, HttpStatusCode.BadRequest, "invalid-compromised-since");
        await Problem.AssertAsync(missing, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task SignerChanges_BadRequests_AnswerTheirProblems()
    {
        var outsider = await ChainKeys.NewFundedAsync(Chain);
        var open = fixture.Host.CreateClient();

        using var unknownChange = await open.GetAsync("/api/v1/departments/signer-changes/999999");
        using var badId = await open.GetAsync("/api/v1/departments/signer-changes/abc");
        using var unknownDepartment = await open.GetAsync("/api/v1/departments/NOSUCH/keys");
        using var noKind = await Civil.PostAsJsonAsync("/api/v1/departments/signer-changes", new { signer = outsider.Address });
        using var noSigner = await Civil.PostAsJsonAsync("/api/v1/departments/signer-changes", new { kind = "remove-signer" });
        using var notAKey = await Civil.PostAsJsonAsync("/api/v1/departments/signer-changes", new { kind = "remove-signer", signer = outsider.Address });
        using var anonymous = await open.PostAsJsonAsync("/api/v1/departments/signer-changes", new { kind = "remove-signer", signer = outsider.Address });
        using var unknownApply = await Civil.PostAsync("/api/v1/departments/signer-changes/999999/application", null);

        await Problem.AssertAsync(unknownChange, HttpStatusCode.NotFound, "signer-change-not-found");
        await Problem.AssertAsync(badId, HttpStatusCode.BadRequest, "invalid-request");
        await Problem.AssertAsync(unknownDepartment, HttpStatusCode.NotFound, "department-not-found");
        await Problem.AssertAsync(noKind, HttpStatusCode.BadRequest, "invalid-request");
        await Problem.AssertAsync(noSigner, HttpStatusCode.BadRequest, "invalid-request");
        await Problem.AssertAsync(notAKey, HttpStatusCode.Conflict, "signer-not-in-department");
        await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.AssertAsync(unknownApply, HttpStatusCode.NotFound, "signer-change-not-found");
    }

    [Fact]
    public async Task CreateGrant_ToItsOwnDepartment_Returns400SelfGrant()
    {
        var recordId = NewDigest().ToString();
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = recordId })).EnsureSuccessStatusCode();
        await fixture.Host.WaitAnchoredAsync(recordId);
        var nonce = await NonceAsync(Chain.ClientFor(1).Context.SignerAddress!);

        using var response = await Civil.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId, granteeDepartment = "CIVIL", purpose = 1, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = NewDigest().ToString(),
        });

        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "self-grant");
        Assert.Contains("own department", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(nonce, await NonceAsync(Chain.ClientFor(1).Context.SignerAddress!));
    }

    [Fact]
    public async Task CreateGrant_LongerThan366Days_Returns400InvalidExpiry_ForRecordAndKindGrants()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddDays(367);

        using var legal = await Civil.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId = NewDigest().ToString(), granteeDepartment = "HEALTH", purpose = 1, expiresAt, legalBasis = NewDigest().ToString(),
        });
        using var kind = await Civil.PostAsJsonAsync("/api/v1/grants/kinds", new
        {
            kind = "birth-certificate", granteeDepartment = "HEALTH", purpose = 1, expiresAt, legalBasis = NewDigest().ToString(),
        });

        var body = await Problem.AssertAsync(legal, HttpStatusCode.BadRequest, "invalid-expiry");
        Assert.Contains("366 days", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problem.AssertAsync(kind, HttpStatusCode.BadRequest, "invalid-expiry");
    }

    private static Digest NewDigest() => new(RandomNumberGenerator.GetBytes(32));

    // The signer's transaction count: unchanged when a request is refused before anything is sent.
    private async Task<long> NonceAsync(string address)
    {
        var count = await Chain.Node.CallAsync("eth_getTransactionCount", address, "latest");
        return Convert.ToInt64(count.GetString(), 16);
    }

    private static bool Is(IndexedEventRow row, string field, string address)
        => string.Equals(row.Data.GetProperty(field).GetString(), address, StringComparison.OrdinalIgnoreCase);

    private static async Task<IReadOnlyList<IndexedEventRow>> WaitForAsync(HttpClient client, string url, Func<IReadOnlyList<IndexedEventRow>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var rows = new List<IndexedEventRow>();
            for (string? next = $"{url}?pageSize=500"; next is not null;)
            {
                var read = await client.GetFromJsonAsync<EthGov.Api.Paging.Page<IndexedEventRow>>(next, TestJson.Options);
                rows.AddRange(read!.Items);
                next = read.Next;
            }

            if (done(rows) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(rows), $"the index did not show the events in time; it has {string.Join(", ", rows.Select(r => r.Event))}");
                return rows;
            }

            await Task.Delay(200);
        }
    }

    private sealed class AddressPair : IEqualityComparer<(SignerChangeStatus, string)>
    {
        public bool Equals((SignerChangeStatus, string) x, (SignerChangeStatus, string) y)
            => x.Item1 == y.Item1 && string.Equals(x.Item2, y.Item2, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((SignerChangeStatus, string) obj) => obj.Item1.GetHashCode();
    }
}
