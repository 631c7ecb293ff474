using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using EthGov.Api.Departments;
using EthGov.Api.Grants;
using EthGov.Api.Indexing;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using EthGov.Testing;

namespace EthGov.Api.Tests.Departments;

/// <summary>
/// The quorum's decisions through the API: recovering a department's keys, reporting (and re-dating) compromised keys,
/// revoking a suspended department's grants, with proposals read back decoded and with the approvals that count now.
/// </summary>
public sealed class GovernanceApiTests(GovernanceFixture fixture) : IClassFixture<GovernanceFixture>
{
    private static readonly string[] s_someSigner = ["0x14dC79964da2C08b23698B3D3cc7Ca32193d9955"];

    private HttpClient Civil => fixture.Client("CIVIL");

    private HttpClient Health => fixture.Client("HEALTH");

    private HttpClient Transport => fixture.Client("TRANSPORT");

    [Fact]
    public async Task ReplaceSigners_TheQuorumRecoversADepartmentThatLostItsLastKey()
    {
        var lost = DevAccounts.Get(4, 31337).Address;
        var replacement = await ChainKeys.NewFundedAsync(fixture.Chain);

        var id = await ProposeAsync(Civil, new { kind = "replace-signers", department = "WATER", signers = new[] { replacement.Address } });
        var open = await ProposalAsync(id);
        await ApproveAsync(Health, id);

        Assert.Equal((ProposalKind.ReplaceSigners, 4u, 1u, 2u, false), (open.Kind, open.TargetDepartment, open.LiveApprovals, open.Quorum, open.Executed));
        Assert.Equal([replacement.Address.ToLowerInvariant()], open.NewSigners!.Select(a => a.ToLowerInvariant()));
        Assert.Equal([new ApprovalResponse(1, "CIVIL", true)], open.Approvers);
        Assert.True((await ProposalAsync(id)).Executed);
        var keys = await fixture.Host.CreateClient().GetFromJsonAsync<KeyResponse[]>("/api/v1/departments/WATER/keys", TestJson.Options);
        Assert.Equal(
            [(1, lost.ToLowerInvariant(), KeyState.Removed), (2, replacement.Address.ToLowerInvariant(), KeyState.Current)],
            keys!.Select(k => ((int)k.KeyId, k.Address.ToLowerInvariant(), k.State)));
        Assert.True((await ChainKeys.ClientFor(fixture.Chain, replacement).Documents.AnchorAsync(NewDigest())).IsSuccess);
    }

    [Fact]
    public async Task RogueReport_ByAStolenKey_IsReDatedByTheQuorum_AndTheDepartmentRecovered()
    {
        var chain = fixture.Chain;
        var honest = chain.ClientFor(5);
        var stolen = await ChainKeys.NewFundedAsync(chain);
        await ChainKeys.AddAsync(chain, honest, stolen);
        var thiefJoined = await ChainKeys.ChainNowAsync(chain);
        var document = NewDigest();
        var anchoredAt = (await honest.Documents.AnchorAsync(document)).Unwrap().BlockTime;
        await chain.IncreaseTimeAsync(100);

        // The thief reports the honest key compromised since before that document, to discredit it and lock PARKS out.
        var rogue = (await ChainKeys.ClientFor(chain, stolen).Departments.ReportCompromisedKeyAsync(honest.Context.SignerAddress!, anchoredAt.AddSeconds(-50))).Unwrap();
        var discredited = await VerifyAsync(document);

        // The quorum: the honest key's compromise began no earlier than the rogue report; the thief's key is reported; PARKS recovered.
        var redate = await ProposeAsync(Civil, new { kind = "report-compromised-key", key = honest.Context.SignerAddress, compromisedSince = rogue.BlockTime });
        var redateProposal = await ProposalAsync(redate);
        await ApproveAsync(Health, redate);
        var restored = await VerifyAsync(document);
        var thief = await ProposeAsync(Civil, new { kind = "report-compromised-key", key = stolen.Address, compromisedSince = thiefJoined });
        await ApproveAsync(Health, thief);
        using var compromisedAgain = await Civil.PostAsJsonAsync("/api/v1/departments/proposals",
            new { kind = "replace-signers", department = "PARKS", signers = new[] { honest.Context.SignerAddress } });
        var fresh = await ChainKeys.NewFundedAsync(chain);
        var recovery = await ProposeAsync(Civil, new { kind = "replace-signers", department = "PARKS", signers = new[] { fresh.Address } });
        await ApproveAsync(Transport, recovery);

        Assert.Equal(VerdictOutcome.KeyCompromised, discredited.Outcome);
        Assert.Equal((ProposalKind.ReportCompromisedKey, 5u, (DateTimeOffset?)rogue.BlockTime), (redateProposal.Kind, redateProposal.TargetDepartment, redateProposal.CompromisedSince));
        Assert.Equal(honest.Context.SignerAddress, redateProposal.Signer, ignoreCase: true);
        Assert.Equal(VerdictOutcome.Valid, restored.Outcome);
        await Problem.AssertAsync(compromisedAgain, HttpStatusCode.Conflict, "compromised-key");
        var keys = await fixture.Host.CreateClient().GetFromJsonAsync<KeyResponse[]>("/api/v1/departments/PARKS/keys", TestJson.Options);
        Assert.Equal(
            [(KeyState.Compromised, (DateTimeOffset?)rogue.BlockTime), (KeyState.Compromised, thiefJoined), (KeyState.Current, null)],
            keys!.Select(k => (k.State, k.CompromisedSince)));
        Assert.Equal(fresh.Address, keys![2].Address, ignoreCase: true);
    }

    [Fact]
    public async Task RevokeGrants_OfASuspendedGrantor_TheQuorumRevokesThem()
    {
        var rogue = fixture.Client("ROGUE");
        var record = NewDigest().ToString();
        (await rogue.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = record })).EnsureSuccessStatusCode();
        using var granted = await rogue.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId = record, granteeDepartment = "HEALTH", purpose = 9, expiresAt = DateTimeOffset.UtcNow.AddDays(300), legalBasis = NewDigest().ToString(),
        });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var grantId = (await granted.Content.ReadFromJsonAsync<GrantCreatedResponse>(TestJson.Options))!.GrantId;

        using var tooSoon = await Health.PostAsJsonAsync("/api/v1/departments/proposals", new { kind = "revoke-grants", grantIds = new[] { grantId } });
        var suspension = await ProposeAsync(Civil, new { kind = "suspend-department", department = "ROGUE" });
        await ApproveAsync(Health, suspension);
        var revocation = await ProposeAsync(Health, new { kind = "revoke-grants", grantIds = new[] { grantId } });
        var proposal = await ProposalAsync(revocation);
        await ApproveAsync(Transport, revocation);

        await Problem.AssertAsync(tooSoon, HttpStatusCode.Conflict, "grantor-not-suspended");
        Assert.Equal([grantId], proposal.GrantIds!);
        var grant = await fixture.Host.CreateClient().GetFromJsonAsync<GrantResponse>($"/api/v1/grants/{grantId}", TestJson.Options);
        Assert.Equal((true, false), (grant!.Revoked, grant.Valid));
        var timeline = await WaitForAsync($"/api/v1/audit/records/{record}", rows => rows.Any(r => r.Event == "GrantRevoked"));
        var revoked = timeline.Single(r => r.Event == "GrantRevoked");
        Assert.True(revoked.Data.GetProperty("byQuorum").GetBoolean());
    }

    [Fact]
    public async Task Proposal_ApprovalOfADepartmentSuspendedSince_IsShownButDoesNotCount()
    {
        // SPARE proposes (its approval is the first), then the quorum suspends it: that approval no longer counts.
        var chain = fixture.Chain;
        var spareKey = await ChainKeys.NewFundedAsync(chain);
        var added = await ProposeAsync(Civil, new { kind = "add-department", code = "SPARE", name = "Spare department", signer = spareKey.Address });
        await ApproveAsync(Health, added);
        var spareId = (await chain.Reader().Departments.IdByCodeAsync("SPARE")).Unwrap();
        var id = (await ChainKeys.ClientFor(chain, spareKey).Departments.ProposeThresholdAsync(2)).Unwrap().ToString(CultureInfo.InvariantCulture);
        var suspension = await ProposeAsync(Civil, new { kind = "suspend-department", department = "SPARE" });
        await ApproveAsync(Health, suspension);

        await ApproveAsync(Transport, id);
        var proposal = await ProposalAsync(id);

        Assert.Equal([new ApprovalResponse(spareId, "SPARE", false), new ApprovalResponse(3, "TRANSPORT", true)], proposal.Approvers);
        Assert.Equal((2u, 1u, 2u, false), (proposal.Approvals, proposal.LiveApprovals, proposal.Quorum, proposal.Executed));
        // The list comes from the event index, which may trail the chain by a moment on a loaded machine; the fixture's
        // other tests add proposals too: follow the pages until the list ends.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<ProposalResponse> listed = [];
        while (true)
        {
            listed.Clear();
            for (string? next = "/api/v1/departments/proposals"; next is not null;)
            {
                var page = await fixture.Host.CreateClient().GetFromJsonAsync<EthGov.Api.Paging.Page<ProposalResponse>>(next, TestJson.Options);
                listed.AddRange(page!.Items);
                next = page.Next;
            }

            if (listed.Any(p => p.Id == id && p.Approvals == 2) || DateTime.UtcNow >= deadline)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Contains(listed, p => p.Id == id && p.LiveApprovals == 1 && p.Quorum == 2);
    }

    [Fact]
    public async Task Propose_DeadlineBeyond30DaysOrPast_Returns400InvalidDeadline_BeforeSendingAnything()
    {
        var before = await BlockNumberAsync();

        using var tooFar = await Civil.PostAsJsonAsync("/api/v1/departments/proposals", new { kind = "change-threshold", threshold = 2, deadline = DateTimeOffset.UtcNow.AddDays(31) });
        using var past = await Civil.PostAsJsonAsync("/api/v1/departments/proposals", new { kind = "change-threshold", threshold = 2, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });

        var body = await Problem.AssertAsync(tooFar, HttpStatusCode.BadRequest, "invalid-deadline");
        Assert.Contains("30 days", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problem.AssertAsync(past, HttpStatusCode.BadRequest, "invalid-deadline");
        Assert.Equal(before, await BlockNumberAsync());
    }

    [Theory]
    [InlineData("{\"kind\":\"replace-signers\",\"department\":\"WATER\"}")]
    [InlineData("{\"kind\":\"replace-signers\",\"department\":\"WATER\",\"signers\":[\"0x12\"]}")]
    [InlineData("{\"kind\":\"replace-signers\",\"signers\":[\"0x14dC79964da2C08b23698B3D3cc7Ca32193d9955\"]}")]
    [InlineData("{\"kind\":\"report-compromised-key\",\"compromisedSince\":\"2025-01-01T00:00:00Z\"}")]
    [InlineData("{\"kind\":\"report-compromised-key\",\"key\":\"0x14dC79964da2C08b23698B3D3cc7Ca32193d9955\"}")]
    [InlineData("{\"kind\":\"revoke-grants\"}")]
    [InlineData("{\"kind\":\"revoke-grants\",\"grantIds\":[\"one\"]}")]
    public async Task Propose_NewKindsWithoutTheirFields_Return400InvalidRequest(string json)
    {
        using var response = await Civil.PostAsync("/api/v1/departments/proposals", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task Propose_ReplaceSignersOfAnUnknownDepartment_Returns404DepartmentNotFound()
    {
        using var response = await Civil.PostAsJsonAsync("/api/v1/departments/proposals",
            new { kind = "replace-signers", department = "NOSUCH", signers = s_someSigner });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "department-not-found");
    }

    [Fact]
    public async Task ClearNode_TheQuorumClearsADepartmentsNodeEntry()
    {
        var key = await ChainKeys.NewFundedAsync(fixture.Chain);
        await ApproveAsync(Health, await ProposeAsync(Civil, new { kind = "add-department", code = "LIBRARY", name = "Public Library", signer = key.Address }));
        var library = ChainKeys.ClientFor(fixture.Chain, key);
        var (departmentId, _) = (await library.Departments.OfSignerAsync(key.Address)).Unwrap();
        using var nodeKeys = EthGov.Application.Nodes.NodeKeys.Generate();
        var (_, changeId) = (await library.Departments.RequestSetNodeAsync("https://library.example.org", nodeKeys.SigningPublicKey, nodeKeys.EncryptionPublicKey)).Unwrap();
        await fixture.Chain.IncreaseTimeAsync(DevChain.SignerChangeDelay);
        (await library.Departments.ApplySignerChangeAsync(changeId)).Unwrap();
        Assert.NotNull((await library.Departments.GetNodeAsync(departmentId)).Unwrap());

        var id = await ProposeAsync(Civil, new { kind = "clear-node", department = "LIBRARY" });
        await ApproveAsync(Health, id);

        var proposal = await ProposalAsync(id);
        Assert.Equal((ProposalKind.ClearNode, departmentId, true), (proposal.Kind, proposal.TargetDepartment, proposal.Executed));
        Assert.Null((await library.Departments.GetNodeAsync(departmentId)).Unwrap());
    }

    private static Digest NewDigest() => new(RandomNumberGenerator.GetBytes(32));

    private static async Task<string> ProposeAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/departments/proposals", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProposalCreatedResponse>(TestJson.Options))!.ProposalId;
    }

    private static async Task ApproveAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync($"/api/v1/departments/proposals/{id}/approvals", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<ProposalResponse> ProposalAsync(string id)
        => (await fixture.Host.CreateClient().GetFromJsonAsync<ProposalResponse>($"/api/v1/departments/proposals/{id}", TestJson.Options))!;

    private async Task<VerifyResponse> VerifyAsync(Digest digest)
        => (await fixture.Host.CreateClient().GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digest}?department=PARKS", TestJson.Options))!;

    private async Task<long> BlockNumberAsync()
    {
        var number = await fixture.Chain.Node.CallAsync("eth_blockNumber");
        return Convert.ToInt64(number.GetString(), 16);
    }

    private async Task<IReadOnlyList<IndexedEventRow>> WaitForAsync(string url, Func<IReadOnlyList<IndexedEventRow>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await fixture.Host.CreateClient().GetFromJsonAsync<EthGov.Api.Paging.Page<IndexedEventRow>>(url + "?pageSize=500", TestJson.Options);
            if (done(page!.Items) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(page.Items), $"the index did not show the events in time: {string.Join(", ", page.Items.Select(r => r.Event))}");
                return page.Items;
            }

            await Task.Delay(200);
        }
    }
}
