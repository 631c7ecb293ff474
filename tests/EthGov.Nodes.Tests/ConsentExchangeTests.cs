using System.Net.Http.Json;
using System.Security.Cryptography;
using EthGov.Api.Documents;
using EthGov.Core.Digests;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// A record travels between two real department nodes under a citizen's consent: the holder issues the record, the
/// citizen binds it to a passkey on the holder's node and consents there with that passkey (the grant's terms included),
/// the holder's node relays the consent to the chain, and the grantee's staff ask their node for the record.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class ConsentExchangeTests(NodeCluster cluster)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ConsentExchange_RecordInABatch_HolderFoundWithoutBeingNamed_ContentVerified_OneReleaseJournaled()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["HEALTH"];
        using var citizen = new TestPasskey();
        // Issued in the same second as other documents of the holder, so that it is anchored in a batch, not on its own:
        // the chain alone then does not tell which department holds it. A loaded machine can still split them across two
        // batch intervals; then the record is issued again until one lands in a batch.
        Digest record = default;
        for (int attempt = 0; attempt < 5 && record.IsZero; attempt++)
        {
            var issuing = NodeExchanges.IssueRecordAsync(holder);
            var others = NodeDocuments.AnchorBatchAsync(holder, 2);
            await Task.WhenAll(issuing, others);
            using var client = holder.Client();
            var status = (await client.GetFromJsonAsync<DocumentStatusResponse>($"/api/v1/documents/{await issuing}", NodeDocuments.Json))!;
            record = status.Receipt?.Batch is null ? default : await issuing;
        }

        Assert.False(record.IsZero, "five records were each anchored on their own, never in a batch");

        var grantId = await NodeCitizens.BindAndConsentAsync(holder, record, citizen, grantee.Code);
        var created = await NodeExchanges.RequestAsync(grantee, grantId);
        var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, s_timeout);

        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        Assert.Equal(holder.DepartmentId, final.HolderDepartment);
        Assert.Equal(record, final.ContentDigest);
        using (var client = grantee.DepartmentClient())
        {
            var content = await client.GetByteArrayAsync($"/api/v1/exchanges/{created.Id}/content");
            Assert.Equal(record, new Digest(SHA256.HashData(content)));
        }

        await NodeExchanges.WaitReceiptSentAsync(grantee, created.Id, TimeSpan.FromSeconds(30));
        var release = Assert.Single(HolderJournal.Releases(holder, created.RequestId, final.Log!.Root));
        Assert.Equal((grantId, record, grantee.DepartmentId, true), (release.GrantId, release.RecordId, release.Grantee, release.Acknowledged));
    }
}
