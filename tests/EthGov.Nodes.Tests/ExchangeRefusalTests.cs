using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Departments;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Verification;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// The holder's node refuses, with the exact reason, every request that the protocol does not allow, across real node
/// processes. Where the grantee's own node can be brought to ask (the grant revoked or expired, the record revoked while
/// its logged access waits for a confirmation; a consent signed by someone else), the reason is read on the grantee's
/// <c>GET /api/v1/exchanges/{id}</c>. What the grantee's node never asks (another record, another holder, a replay, a
/// reused log...) is asked by the test playing a rogue grantee node (<see cref="RogueGrantee"/>): signed with a key it
/// controls and logged on chain with the department's officer key, the reason read from the holder's problem type.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class ExchangeRefusalTests(NodeCluster cluster)
{
    private const string Holder = "CIVIL";
    private const string Grantee = "HEALTH";
    private const string Other = "TRANSPORT";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    // --- Through the grantee's own node: the reason on GET /api/v1/exchanges/{id} ---

    [Fact]
    public async Task GrantRevoked_WhileTheLoggedAccessWaitsForItsConfirmation_IsRefused_GrantRevoked()
    {
        var (record, grantId, waiting) = await ExchangeWaitingForConfirmationAsync();

        using (var client = cluster[Holder].DepartmentClient())
        using (var revoked = await client.PostAsync($"/api/v1/grants/{grantId}/revocation", null))
        {
            Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
        }

        await AssertRefusedAsync(waiting.Id, ExchangeRefusal.GrantRevoked);
        Assert.Equal(record, waiting.RecordId);
    }

    [Fact]
    public async Task GrantExpired_WhileTheLoggedAccessWaitsForItsConfirmation_IsRefused_GrantExpired()
    {
        var expiresAt = (await ChainTimeAsync()).AddMinutes(5);
        var (_, _, waiting) = await ExchangeWaitingForConfirmationAsync(expiresAt);

        await cluster.IncreaseTimeAsync(600);

        await AssertRefusedAsync(waiting.Id, ExchangeRefusal.GrantExpired);
    }

    [Fact]
    public async Task RecordRevoked_WhileTheLoggedAccessWaitsForItsConfirmation_IsRefused_RecordRevoked()
    {
        var (record, _, waiting) = await ExchangeWaitingForConfirmationAsync();

        using (var client = cluster[Holder].DepartmentClient())
        using (var revoked = await client.PostAsJsonAsync($"/api/v1/documents/{record}/revocation", new { reason = 1 }))
        {
            Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
        }

        await AssertRefusedAsync(waiting.Id, ExchangeRefusal.RecordRevoked);
    }

    [Fact]
    public async Task LogNotYetConfirmed_TheExchangeWaits_AndIsVerifiedOnceABlockConfirmsIt()
    {
        var (record, _, waiting) = await ExchangeWaitingForConfirmationAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var still = await NodeExchanges.GetAsync(cluster[Grantee], waiting.Id);
        Assert.Equal("logged", still.State);
        Assert.StartsWith(ExchangeRefusal.LogNotConfirmed, still.Detail, StringComparison.Ordinal);

        var final = await NodeExchanges.WaitFinalAsync(cluster, cluster[Grantee], waiting.Id, s_timeout);

        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        Assert.Equal(record, final.ContentDigest);
    }

    [Fact]
    public async Task SecondExchangeUnderAOneFetchGrant_IsRefused_FetchLimitReached()
    {
        var record = await NodeExchanges.IssueRecordAsync(cluster[Holder]);
        var grantId = await NodeExchanges.GrantAsync(cluster[Holder], cluster[Grantee], record, new { use = "store", retentionDays = 30, maxFetches = 1 });
        var first = await NodeExchanges.RequestAsync(cluster[Grantee], grantId);
        var verified = await NodeExchanges.WaitFinalAsync(cluster, cluster[Grantee], first.Id, s_timeout);
        Assert.True(verified.State == "verified", $"{verified.State}: {verified.Reason} {verified.Detail}");

        var second = await NodeExchanges.RequestAsync(cluster[Grantee], grantId);

        await AssertRefusedAsync(second.Id, ExchangeRefusal.FetchLimitReached);
    }

    // --- A rogue grantee node: the holder's problem type ---

    [Fact]
    public async Task NoGrant_IsRefused_NoGrant()
    {
        using var rogue = RogueGrantee.Of(cluster, Grantee);
        var record = await NodeExchanges.IssueRecordAsync(cluster[Holder]);
        var entry = rogue.Entry(BigInteger.Pow(10, 15), record, cluster[Holder]);
        var log = await LogConfirmedAsync(rogue, entry);

        var answer = await rogue.ReleaseAsync(cluster[Holder], RogueGrantee.RequestFor(entry, log));

        AssertRefused(answer, 404, ExchangeRefusal.NoGrant);
    }

    [Fact]
    public async Task GrantToAnotherDepartment_IsRefused_NotGrantee()
    {
        using var rogue = RogueGrantee.Of(cluster, Grantee);
        var record = await NodeExchanges.IssueRecordAsync(cluster[Holder]);
        var grantId = await NodeExchanges.GrantAsync(cluster[Holder], cluster[Other], record);
        var entry = rogue.Entry(BigInteger.Parse(grantId), record, cluster[Holder]);
        var log = await LogConfirmedAsync(rogue, entry);

        var answer = await rogue.ReleaseAsync(cluster[Holder], RogueGrantee.RequestFor(entry, log));

        AssertRefused(answer, 403, ExchangeRefusal.NotGrantee);
    }

    [Fact]
    public async Task AskingAnotherDepartmentsNode_IsRefused_NotHolder()
    {
        using var rogue = RogueGrantee.Of(cluster, Grantee);
        var record = await NodeExchanges.IssueRecordAsync(cluster[Holder]);
        var grantId = await NodeExchanges.GrantAsync(cluster[Holder], cluster[Grantee], record);
        var entry = rogue.Entry(BigInteger.Parse(grantId), record, cluster[Other]);
        var log = await LogConfirmedAsync(rogue, entry);

        var answer = await rogue.ReleaseAsync(cluster[Other], RogueGrantee.RequestFor(entry, log));

        AssertRefused(answer, 403, ExchangeRefusal.NotHolder);
    }

    [Fact]
    public async Task AnotherRecordThanTheGrants_IsRefused_RecordNotCovered()
    {
        using var rogue = RogueGrantee.Of(cluster, Grantee);
        var granted = await NodeExchanges.IssueRecordAsync(cluster[Holder]);
        var other = await NodeExchanges.IssueRecordAsync(cluster[Holder]);
        var grantId = await NodeExchanges.GrantAsync(cluster[Holder], cluster[Grantee], granted);
        var entry = rogue.Entry(BigInteger.Parse(grantId), other, cluster[Holder]);
        var log = await LogConfirmedAsync(rogue, entry);

        var answer = await rogue.ReleaseAsync(cluster[Holder], RogueGrantee.RequestFor(entry, log));

        AssertRefused(answer, 403, ExchangeRefusal.RecordNotCovered);
    }

    [Fact]
    public async Task GranteeDepartmentSuspended_IsRefused_GranteeSuspended()
    {
        using var rogue = RogueGrantee.Of(cluster, Grantee);
        var record = await NodeExchanges.IssueRecordAsync(cluster[Holder]);
        var grantId = await NodeExchanges.GrantAsync(cluster[Holder], cluster[Grantee], record);
        var entry = rogue.Entry(BigInteger.Parse(grantId), record, cluster[Holder]);
        var log = await LogConfirmedAsync(rogue, entry);

        await ProposeAndApproveAsync(d => d.ProposeSuspendAsync(cluster[Grantee].DepartmentId));
        HolderReply answer;
        try
        {
            answer = await rogue.ReleaseAsync(cluster[Holder], RogueGrantee.RequestFor(entry, log));
        }
        finally
        {
            await ProposeAndApproveAsync(d => d.ProposeRestoreAsync(cluster[Grantee].DepartmentId));
            await WaitActiveAsync(Grantee);
        }

        AssertRefused(answer, 403, ExchangeRefusal.GranteeSuspended);
        // Restored, the same logged entry is released: suspension was the only thing in the way.
        Assert.Equal(200, (await rogue.ReleaseAsync(cluster[Holder], RogueGrantee.RequestFor(entry, log))).Status);
    }

    [Fact]
    public async Task KeyTheGranteeDoesNotPublish_IsRefused_InvalidSignature_AndAKeyIdNamingNoPublishedKey_UnknownNodeKey()
    {
        using var rogue = RogueGrantee.Of(cluster, Grantee);
        var record = await NodeExchanges.IssueRecordAsync(cluster[Holder]);
        var grantId = await NodeExchanges.GrantAsync(cluster[Holder], cluster[Grantee], record);
        var entry = rogue.Entry(BigInteger.Parse(grantId), record, cluster[Holder]);
        var log = await LogConfirmedAsync(rogue, entry);
        using var ownKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        // A P-256 signature does not name its key: one by another key simply does not verify with the published one.
        var otherKey = await rogue.ReleaseAsync(cluster[Holder], RogueGrantee.RequestFor(entry, log), ownKey);
        var noSuchDepartment = await rogue.ReleaseAsync(cluster[Holder], RogueGrantee.RequestFor(entry, log), ownKey, department: 999);

        AssertRefused(otherKey, 401, ExchangeRefusal.InvalidSignature);
        AssertRefused(noSuchDepartment, 401, ExchangeRefusal.UnknownNodeKey);
        // Signed with the key the department publishes, the same request is released.
        Assert.Equal(200, (await rogue.ReleaseAsync(cluster[Holder], RogueGrantee.RequestFor(entry, log))).Status);
    }

    [Fact]
    public async Task LogNotYetConfirmed_IsRefused_LogNotConfirmed_ThenReleasedOnceConfirmed()
    {
        using var rogue = RogueGrantee.Of(cluster, Grantee);
        var record = await NodeExchanges.IssueRecordAsync(cluster[Holder]);
        var grantId = await NodeExchanges.GrantAsync(cluster[Holder], cluster[Grantee], record);
        var entry = rogue.Entry(BigInteger.Parse(grantId), record, cluster[Holder]);
        var log = (await rogue.LogAsync(entry))[0];

        var early = await rogue.ReleaseAsync(cluster[Holder], RogueGrantee.RequestFor(entry, log));
        await cluster.Chain.CallAsync("evm_mine");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var confirmed = await rogue.ReleaseAsync(cluster[Holder], RogueGrantee.RequestFor(entry, log));

        AssertRefused(early, 409, ExchangeRefusal.LogNotConfirmed);
        Assert.True(confirmed.Status == 200, confirmed.ToString());
        Assert.Equal(record, confirmed.Release().ContentDigest);
    }

    [Fact]
    public async Task RealExchange_ItsRequestReplayed_IsRefused_ReplayedRequest_ItsLogUsedAgain_LogReused()
    {
        var holder = cluster[Holder];
        var grantee = cluster[Grantee];
        var record = await NodeExchanges.IssueRecordAsync(holder);
        var grantId = await NodeExchanges.GrantAsync(holder, grantee, record);
        var created = await NodeExchanges.RequestAsync(grantee, grantId);
        var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, s_timeout);
        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        await NodeExchanges.WaitReceiptSentAsync(grantee, created.Id, TimeSpan.FromSeconds(30));

        // The grantee node's own signed request, exactly as it went on the wire (its evidence file keeps it), sent again
        // within its 60 s of validity: a replaying middlebox.
        using var evidence = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(grantee.Settings.DataDirectory, "evidence", $"{created.RequestId}.json")));
        var sent = evidence.RootElement.GetProperty("request");
        var headers = sent.GetProperty("headers");
        var replay = await new SignedPost(
            new Uri(holder.BaseUrl, sent.GetProperty("path").GetString()), Convert.FromBase64String(sent.GetProperty("bodyBase64").GetString()!),
            headers.GetProperty("content-type").GetString()!, headers.GetProperty("content-digest").GetString()!,
            headers.GetProperty("signature-input").GetString()!, headers.GetProperty("signature").GetString()!).SendAsync();

        // The same access entry and log, in a request signed anew with the grantee's node key: one log, one release.
        using var rogue = RogueGrantee.Of(cluster, Grantee);
        var entry = rogue.Entry(BigInteger.Parse(grantId), record, holder, created.RequestId);
        var reused = await rogue.ReleaseAsync(holder, RogueGrantee.RequestFor(entry, new LogInclusion(final.Log!.Root, final.Log.Proof)));

        AssertRefused(replay, 409, ExchangeRefusal.ReplayedRequest);
        AssertRefused(reused, 409, ExchangeRefusal.LogReused);
        Assert.Single(HolderJournal.Releases(holder, created.RequestId, final.Log.Root));
    }

    // A legal-basis exchange through the grantee's node whose access is logged and waits for the block that confirms it
    // (nothing else mines): what the test does next is in that block.
    private async Task<(Digest Record, string GrantId, Api.Exchanges.ExchangeResponse Waiting)> ExchangeWaitingForConfirmationAsync(DateTimeOffset? expiresAt = null)
    {
        var record = await NodeExchanges.IssueRecordAsync(cluster[Holder]);
        var grantId = await NodeExchanges.GrantAsync(cluster[Holder], cluster[Grantee], record, expiresAt: expiresAt);
        var created = await NodeExchanges.RequestAsync(cluster[Grantee], grantId);
        var waiting = await NodeExchanges.WaitWaitingAsync(cluster[Grantee], created.Id, "logged", ExchangeRefusal.LogNotConfirmed, s_timeout);
        return (record, grantId, waiting);
    }

    private async Task AssertRefusedAsync(long id, string reason)
    {
        var final = await NodeExchanges.WaitFinalAsync(cluster, cluster[Grantee], id, s_timeout);
        Assert.True(final.State == "refused" && final.Reason == reason, $"expected refused {reason}, got {final.State}: {final.Reason} {final.Detail}");
        using var client = cluster[Grantee].DepartmentClient();
        using var content = await client.GetAsync($"/api/v1/exchanges/{id}/content");
        Assert.Equal(System.Net.HttpStatusCode.Conflict, content.StatusCode);
    }

    private static void AssertRefused(HolderReply answer, int status, string reason)
        => Assert.True(answer.Status == status && answer.Reason == reason, $"expected {status} {reason}, got {answer}");

    private async Task<LogInclusion> LogConfirmedAsync(RogueGrantee rogue, AccessEntry entry)
    {
        var log = (await rogue.LogAsync(entry))[0];
        await cluster.Chain.CallAsync("evm_mine");
        return log;
    }

    private async Task<DateTimeOffset> ChainTimeAsync()
    {
        var latest = await cluster.Chain.CallAsync("eth_getBlockByNumber", "latest", false);
        return DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(latest.GetProperty("timestamp").GetString(), 16));
    }

    // The two departments other than the grantee decide: the first proposes (approving at once), the second's approval
    // reaches the quorum of two and executes it.
    private async Task ProposeAndApproveAsync(Func<DepartmentOperations, Task<EthGov.Chain.Abi.ChainResult<BigInteger>>> propose)
    {
        var proposalId = (await propose(cluster.OfficerOf(Holder).Departments)).Unwrap();
        (await cluster.OfficerOf(Other).Departments.ApproveAsync(proposalId)).Unwrap();
    }

    private async Task WaitActiveAsync(string code)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        foreach (var node in cluster.Nodes)
        {
            using var client = node.Client();
            while ((await client.GetFromJsonAsync<DepartmentResponse>($"/api/v1/departments/{code}", NodeDocuments.Json))!.Status != DepartmentStatus.Active)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{node.Code}'s node still sees {code} suspended");
                await Task.Delay(250);
            }
        }
    }
}
