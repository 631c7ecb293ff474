using System.Net;
using System.Text;
using EthGov.Core.Digests;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// The grantee's node refuses content that is not the record it asked for, even when the holder's node signs and seals
/// it as the protocol demands, and logs the access on chain before it asks. The holder department's entry is moved to a
/// <see cref="FakeHolderNode"/> through the registry for the test, and back before it ends.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class TamperedReleaseTests(NodeCluster cluster)
{
    private const string Holder = "TRANSPORT";
    private const string Grantee = "HEALTH";

    [Fact]
    public async Task Exchange_HolderReleasingOtherContentThanTheRecord_IsRefusedAsTampered_AfterTheAccessWasLogged()
    {
        var holder = cluster[Holder];
        var grantee = cluster[Grantee];
        var receipts = await NodeDocuments.AnchorBatchAsync(holder, 3);
        var record = receipts[0].Digest;
        var grantId = await NodeExchanges.GrantAsync(holder, grantee, record);
        await using var fake = await FakeHolderNode.StartAsync(cluster, holder, grantee, Encoding.UTF8.GetBytes("{\"not\":\"the record\"}"));

        await NodeDirectory.SetUrlAsync(cluster, Holder, fake.PublicUrl);
        try
        {
            // The grantee's node reads a holder's entry again after at most 5 s: past that, it can only ask the fake.
            await Task.Delay(TimeSpan.FromSeconds(6));
            var created = await NodeExchanges.RequestAsync(grantee, grantId);
            Assert.Equal("requested", created.State);
            Assert.Equal(record, created.RecordId);
            Assert.Equal(holder.DepartmentId, created.HolderDepartment);

            var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, TimeSpan.FromSeconds(60));

            Assert.Equal("refused", final.State);
            Assert.Equal("tampered-content", final.Reason);
            Assert.True(fake.Requests >= 1);
            Assert.Equal(0, fake.Receipts);
            var log = Assert.IsType<EthGov.Api.Exchanges.ExchangeLogResponse>(final.Log);
            var batch = (await cluster.Reader().Grants.GetAccessBatchAsync(log.Root)).Unwrap();
            Assert.Equal(grantee.DepartmentId, batch?.Department);
            using var client = grantee.DepartmentClient();
            using var content = await client.GetAsync($"/api/v1/exchanges/{created.Id}/content");
            Assert.Equal(HttpStatusCode.Conflict, content.StatusCode);
        }
        finally
        {
            await NodeDirectory.RestoreAsync(cluster, Holder, new Dictionary<string, Digest> { ["CIVIL"] = receipts[1].Digest, [Grantee] = receipts[2].Digest });
        }
    }
}
