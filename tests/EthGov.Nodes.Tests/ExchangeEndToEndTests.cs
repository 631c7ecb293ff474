using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// A record travels between two real department nodes on one chain under a legal-basis grant: the grantee's staff ask
/// their own node, which logs the access on chain, asks the holder's node over the signed node-to-node route, opens and
/// checks the release, keeps the content as the grant allows, writes the evidence file and acknowledges the release.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class ExchangeEndToEndTests(NodeCluster cluster)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task LegalBasisExchange_StoreGrant_IsVerified_LoggedOnChainFirst_KeptAndEvidenced()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["HEALTH"];
        var record = await NodeExchanges.IssueRecordAsync(holder);
        var grantId = await NodeExchanges.GrantAsync(holder, grantee, record, new { use = "store", retentionDays = 30 });

        var created = await NodeExchanges.RequestAsync(grantee, grantId);
        var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, s_timeout);

        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        Assert.Equal(record, final.ContentDigest);
        Assert.Equal("store", final.Use);
        Assert.NotNull(final.RetainUntil);

        // Logged on chain by the grantee, in the root the holder released against, with the entry's proof.
        var log = Assert.IsType<EthGov.Api.Exchanges.ExchangeLogResponse>(final.Log);
        var batch = (await cluster.Reader().Grants.GetAccessBatchAsync(log.Root)).Unwrap();
        Assert.Equal(grantee.DepartmentId, batch?.Department);
        var evidencePath = Path.Combine(grantee.Settings.DataDirectory, "evidence", $"{created.RequestId}.json");
        using var evidence = JsonDocument.Parse(await File.ReadAllTextAsync(evidencePath));
        var entryHash = Digest.Parse(evidence.RootElement.GetProperty("entry").GetProperty("hash").GetString()!);
        Assert.True(MerkleTree.Verify(log.Root, entryHash, [.. log.Proof]));
        Assert.Equal(record.ToString(), evidence.RootElement.GetProperty("contentDigest").GetString());
        Assert.Equal(200, evidence.RootElement.GetProperty("response").GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(evidence.RootElement.GetProperty("response").GetProperty("headers").GetProperty("signature").GetString()));
        Assert.DoesNotContain("A. Citizen", evidence.RootElement.GetRawText(), StringComparison.Ordinal);

        // Listed on the grantee's node for its staff, newest first (the store's test covers other departments' rows).
        using var client = grantee.DepartmentClient();
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/exchanges?pageSize=500");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("id").GetInt64() == created.Id && e.GetProperty("state").GetString() == "verified");

        // Kept for the retention: served more than once, and it is the record.
        for (int i = 0; i < 2; i++)
        {
            var content = await client.GetByteArrayAsync($"/api/v1/exchanges/{created.Id}/content");
            Assert.Equal(record, new Digest(SHA256.HashData(content)));
        }

        await WaitReceiptAsync(grantee, created.Id);
    }

    [Fact]
    public async Task LegalBasisExchange_ViewOnceGrant_ContentIsServedOnce_ThenGone()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["TRANSPORT"];
        var record = await NodeExchanges.IssueRecordAsync(holder);
        var grantId = await NodeExchanges.GrantAsync(holder, grantee, record, new { use = "view-once", retentionDays = 0 });

        var created = await NodeExchanges.RequestAsync(grantee, grantId);
        var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, s_timeout);
        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        Assert.Equal("view-once", final.Use);

        using var client = grantee.DepartmentClient();
        using (var first = await client.GetAsync($"/api/v1/exchanges/{created.Id}/content"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(record, new Digest(SHA256.HashData(await first.Content.ReadAsByteArrayAsync())));
        }

        using var second = await client.GetAsync($"/api/v1/exchanges/{created.Id}/content");
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("content-gone", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_OfAnotherDepartment_IsNotFound_AndAGrantToAnotherDepartment_IsRefused()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["HEALTH"];
        var record = await NodeExchanges.IssueRecordAsync(holder);
        var grantId = await NodeExchanges.GrantAsync(holder, grantee, record);
        var created = await NodeExchanges.RequestAsync(grantee, grantId);

        using var other = cluster["TRANSPORT"].DepartmentClient();
        using var notTheirs = await other.PostAsync("/api/v1/exchanges", JsonContent(new { grantId }));
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Contains("not-grantee", await notTheirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var read = await cluster["HEALTH"].Client(cluster["TRANSPORT"].ApiKey).GetAsync($"/api/v1/exchanges/{created.Id}");
        Assert.True(read.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{(int)read.StatusCode}");

        using var noGrant = await grantee.DepartmentClient().PostAsync("/api/v1/exchanges", JsonContent(new { grantId = "999999999" }));
        Assert.Equal(HttpStatusCode.NotFound, noGrant.StatusCode);
        Assert.Contains("no-grant", await noGrant.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static StringContent JsonContent(object body)
        => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static async Task WaitReceiptAsync(ClusterNode grantee, long id)
    {
        using var client = grantee.DepartmentClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/exchanges/{id}"));
            if (document.RootElement.GetProperty("receiptSent").GetBoolean())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"exchange {id}: the receipt was not acknowledged: {document.RootElement.GetProperty("detail")}");
            await Task.Delay(250);
        }
    }
}
