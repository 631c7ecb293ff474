using System.Net.Http.Json;
using EthGov.Api.Exchanges;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// An exchange survives either node going away: while the holder's node is down the grantee's exchange waits, logged,
/// and completes once the holder is back; a grantee node killed (kill -9) right after accepting an exchange resumes it at
/// restart with the same request id. Each test restarts the node it stopped before it ends.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class ExchangeOutageTests(NodeCluster cluster)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Exchange_HolderNodeDown_WaitsLogged_AndCompletesWhenTheHolderIsBack()
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
            using var client = grantee.DepartmentClient();
            var deadline = DateTime.UtcNow + s_timeout;
            ExchangeResponse waiting;
            while (true)
            {
                waiting = (await client.GetFromJsonAsync<ExchangeResponse>($"/api/v1/exchanges/{created.Id}", NodeDocuments.Json))!;
                if (waiting.State == "logged" && waiting.Detail is not null)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"exchange {created.Id} is {waiting.State} ({waiting.Detail})");
                await Task.Delay(250);
            }

            Assert.Contains("holder's node", waiting.Detail, StringComparison.Ordinal);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal("logged", (await client.GetFromJsonAsync<ExchangeResponse>($"/api/v1/exchanges/{created.Id}", NodeDocuments.Json))!.State);
        }
        finally
        {
            await holder.StartAsync();
        }

        var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, s_timeout);
        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        Assert.Equal(created.RequestId, final.RequestId);
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
