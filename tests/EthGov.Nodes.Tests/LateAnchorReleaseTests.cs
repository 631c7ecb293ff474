using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// A holder's answer can name a record before the chain as the grantee reads it shows the record anchored (its proof
/// answer trails its own "anchored" on a loaded node, or the grantee's view of the chain trails the holder's). The grantee
/// checks again with growing pauses before it calls the content tampered. The holder department's entry is moved to a
/// <see cref="FakeHolderNode"/> that answers a kind query with a record the test anchors only after the grantee found it
/// missing twice.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class LateAnchorReleaseTests(NodeCluster cluster)
{
    private const string Holder = "TRANSPORT";
    private const string Grantee = "HEALTH";
    private const string Kind = "vehicle-registration";

    [Fact]
    public async Task KindQuery_RecordAnchoredOnlyAfterTwoChecks_IsCheckedAgainAndVerified()
    {
        var holder = cluster[Holder];
        var grantee = cluster[Grantee];
        var receipts = await NodeDocuments.AnchorBatchAsync(holder, 2);
        var record = Encoding.UTF8.GetBytes($"{{\"kind\":\"{Kind}\",\"plate\":\"{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}\"}}");
        var digest = new Digest(SHA256.HashData(record));
        var answer = JsonSerializer.SerializeToUtf8Bytes(new[] { new KindQueryItem(digest, "application/json", Convert.ToBase64String(record)) }, NodeDocuments.Json);
        var grantId = await NodeExchanges.KindGrantAsync(holder, grantee, Kind);
        await using var fake = await FakeHolderNode.StartAsync(cluster, holder, grantee, answer);

        await NodeDirectory.SetUrlAsync(cluster, Holder, fake.PublicUrl);
        try
        {
            // The grantee's node reads a holder's entry again after at most 5 s: past that, it can only ask the fake.
            await Task.Delay(TimeSpan.FromSeconds(6));
            var created = await NodeExchanges.RequestAsync(grantee, new { grantId, person = "ID-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) });
            // Missing at two checks (each check asks the holder again first; the second answer is followed by its check long
            // before this pause ends), anchored in the pause that follows.
            await WaitAsync(() => fake.Requests >= 2, TimeSpan.FromSeconds(60), $"the fake holder was asked {fake.Requests} time(s), not twice");
            await Task.Delay(TimeSpan.FromMilliseconds(1500));
            await NodeDocuments.AnchorSingleAsync(holder, digest);

            var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, TimeSpan.FromSeconds(90));

            Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
            Assert.True(fake.Requests >= 3, $"the fake holder was asked {fake.Requests} time(s): the record was not checked again once anchored");
            Assert.Equal(new Digest(SHA256.HashData(answer)), final.ContentDigest);
        }
        finally
        {
            await NodeDirectory.RestoreAsync(cluster, Holder, new Dictionary<string, Digest> { ["CIVIL"] = receipts[0].Digest, [Grantee] = receipts[1].Digest });
        }
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string failure)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < until, failure);
            await Task.Delay(50);
        }
    }
}
