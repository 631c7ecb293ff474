using EthGov.Api.Exchanges;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// An exchange survives either node going away: while the holder's node is down (30 s) the grantee's exchange waits,
/// logged, retried, and completes once the holder is back, with one release for its one log; a grantee node killed
/// (kill -9) right after accepting an exchange resumes it at restart with the same request id. Each test restarts the node it stopped before it ends.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class ExchangeOutageTests(NodeCluster cluster)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Exchange_HolderNodeDownFor30Seconds_WaitsLoggedAndRetried_CompletesWhenTheHolderIsBack_OneReleasePerLog()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["HEALTH"];
        var record = await NodeExchanges.IssueRecordAsync(holder);
        var grantId = await NodeExchanges.GrantAsync(holder, grantee, record);

        await holder.StopAsync();
        ExchangeResponse created;
        try
        {
            created = await NodeExchanges.RequestAsync(grantee, grantId);
            var down = DateTime.UtcNow;
            var waiting = await NodeExchanges.WaitWaitingAsync(grantee, created.Id, "logged", "the holder's node", s_timeout);

            // For 30 s the exchange stays logged, and the grantee's node keeps asking (each failed attempt is recorded).
            var attempts = new HashSet<DateTimeOffset> { waiting.UpdatedAt };
            while (DateTime.UtcNow - down < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                var now = await NodeExchanges.GetAsync(grantee, created.Id);
                Assert.True(now.State == "logged", $"exchange {created.Id} is {now.State} ({now.Reason}: {now.Detail}) while the holder's node is down");
                Assert.Contains("holder's node", now.Detail, StringComparison.Ordinal);
                attempts.Add(now.UpdatedAt);
            }

            Assert.True(attempts.Count >= 3, $"{attempts.Count} attempts in 30 s");
        }
        finally
        {
            await holder.StartAsync();
        }

        var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, s_timeout);
        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        Assert.Equal(created.RequestId, final.RequestId);
        Assert.Equal(record, final.ContentDigest);

        // One log, one release: the holder journaled this request once, under the one root the grantee logged, acknowledged.
        await NodeExchanges.WaitReceiptSentAsync(grantee, created.Id, TimeSpan.FromSeconds(30));
        var release = Assert.Single(HolderJournal.Releases(holder, created.RequestId, final.Log!.Root));
        Assert.Equal((created.RequestId, final.Log.Root, true), (release.RequestId, release.LogRoot, release.Acknowledged));
    }

    [Fact]
    public async Task Exchange_GranteeNodeKilledRightAfterAccepting_ResumesAtRestart_WithTheSameRequest()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["TRANSPORT"];
        var record = await NodeExchanges.IssueRecordAsync(holder);
        var grantId = await NodeExchanges.GrantAsync(holder, grantee, record);

        var created = await NodeExchanges.RequestAsync(grantee, grantId);
        await grantee.StopAsync();
        await grantee.StartAsync();

        var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, s_timeout);
        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        Assert.Equal(created.RequestId, final.RequestId);
        Assert.Equal(record, final.ContentDigest);
    }
}
