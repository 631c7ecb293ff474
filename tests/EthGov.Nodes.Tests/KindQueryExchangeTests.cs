using System.Security.Cryptography;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Merkle;
using EthGov.Core.Records;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// A legal basis opens a kind of record (as a statute opens a register): the grantee's staff ask their node for a person's
/// records of that kind, the person's identifier travels sealed to the holder's node, and the holder answers with the
/// records the grant covers, logged on chain and journaled like any release.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class KindQueryExchangeTests(NodeCluster cluster)
{
    private const string Kind = "residence-permit";

    [Fact]
    public async Task KindQuery_ForAPerson_IsAnsweredWithTheCoveredRecordsOnly_LoggedOnChain_AndJournaledLikeARelease()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["TRANSPORT"];
        var person = "ID-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        var issued = await Task.WhenAll(
            NodeExchanges.IssueRecordAsync(holder, Kind, person: person),
            NodeExchanges.IssueRecordAsync(holder, Kind, person: person.ToLowerInvariant()),
            NodeExchanges.IssueRecordAsync(holder, "birth-certificate", person: person),
            NodeExchanges.IssueRecordAsync(holder, Kind, person: person + "-other"),
            NodeExchanges.IssueRecordAsync(holder, Kind));
        Digest[] covered = [issued[0], issued[1]];
        var grantId = await NodeExchanges.KindGrantAsync(holder, grantee, Kind);

        var created = await NodeExchanges.RequestAsync(grantee, new { grantId, person });
        Assert.True(created.KindQuery);
        Assert.Equal(RecordKind.Id(Kind), created.RecordId);
        var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, TimeSpan.FromSeconds(90));

        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        using var client = grantee.DepartmentClient();
        var answer = await client.GetByteArrayAsync($"/api/v1/exchanges/{created.Id}/content");
        Assert.Equal(final.ContentDigest, new Digest(SHA256.HashData(answer)));
        var items = System.Text.Json.JsonSerializer.Deserialize<List<KindQueryItem>>(answer, NodeDocuments.Json)!;
        Assert.Equal(covered.OrderBy(d => d.ToString()), items.Select(i => i.Digest).OrderBy(d => d.ToString()));
        Assert.All(items, i => Assert.Equal(i.Digest, new Digest(SHA256.HashData(Convert.FromBase64String(i.ContentBase64)))));

        // Logged on chain by the grantee before the holder answered, and journaled by the holder once, as a query.
        var log = final.Log!;
        var batch = (await cluster.Reader().Grants.GetAccessBatchAsync(log.Root)).Unwrap();
        Assert.Equal(grantee.DepartmentId, batch?.Department);
        await NodeExchanges.WaitReceiptSentAsync(grantee, created.Id, TimeSpan.FromSeconds(30));
        var release = Assert.Single(HolderJournal.Releases(holder, created.RequestId, log.Root));
        Assert.Equal(RecordKind.Id(Kind), release.RecordId);
        Assert.Equal(grantId, release.GrantId);
        Assert.Equal(final.ContentDigest, release.ContentDigest);
        var query = Assert.IsType<Digest>(release.QueryDigest);
        Assert.False(query.IsZero);
        var entry = new AccessEntry(cluster.Deployment.ChainId, cluster.Deployment.Registry, System.Numerics.BigInteger.Parse(grantId, System.Globalization.CultureInfo.InvariantCulture),
            RecordKind.Id(Kind), holder.DepartmentId, grantee.DepartmentId, created.RequestId, query);
        Assert.Equal(entry.Hash(), release.EntryHash);
        Assert.True(MerkleTree.Verify(log.Root, release.EntryHash, [.. log.Proof]));

        // The evidence names the query by its digest only.
        var evidence = await File.ReadAllTextAsync(Path.Combine(grantee.Settings.DataDirectory, "evidence", $"{created.RequestId}.json"));
        Assert.DoesNotContain(person, evidence, StringComparison.OrdinalIgnoreCase);
    }
}
