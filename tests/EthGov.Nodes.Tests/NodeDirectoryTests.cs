using EthGov.Core.Verification;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// Nodes find each other from the chain only: each department's entry names its node's URL, published with the
/// deployment, and a node follows a changed entry while it runs.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class NodeDirectoryTests(NodeCluster cluster)
{
    [Fact]
    public async Task DepartmentNode_OfEachDepartment_IsTheUrlItsNodeServesWithTheNodesPublicKeys()
    {
        var reader = cluster.Reader().Departments;
        var entries = new List<EthGov.Chain.Registry.DepartmentNode>();
        foreach (var node in cluster.Nodes)
        {
            var entry = (await reader.GetNodeAsync(node.DepartmentId)).Unwrap();

            Assert.NotNull(entry);
            Assert.Equal(node.PublicUrl, entry.Url);
            Assert.Equal(node.PublicUrl, node.Settings.Settings["EthGov:PublicBaseUrl"]);
            Assert.Equal(64, entry.SigningKey.Length);
            Assert.Equal(64, entry.EncryptionKey.Length);
            entries.Add(entry);
        }

        Assert.Equal(entries.Count, entries.Select(e => Convert.ToHexString(e.SigningKey)).Distinct().Count());
    }

    [Fact]
    public async Task VerifyDigest_AfterTheIssuersNodeUrlChangedOnChain_FetchesTheProofFromTheNewUrlWithoutRestart()
    {
        const string Issuer = "TRANSPORT";
        var verifier = cluster["CIVIL"];
        var others = cluster.Nodes.Where(n => n.Code != Issuer).ToList();
        var receipts = await NodeDocuments.AnchorBatchAsync(cluster[Issuer], 2 + others.Count);
        var process = verifier.Process.Id;
        var before = await NodeDocuments.VerifyAsync(verifier, receipts[0].Digest, Issuer);
        Assert.True(before.Outcome == VerdictOutcome.Valid, NodeDocuments.Describe(before));
        Assert.True(NodeDocuments.NamesNode(before, cluster[Issuer].BaseUrl), NodeDocuments.Describe(before));

        // The department moves its node to another address (here a relay in front of the same node).
        var moved = TcpProxy.Start(cluster[Issuer].BaseUrl.Port);
        var published = false;
        try
        {
            await NodeDirectory.SetUrlAsync(cluster, Issuer, moved.Url.GetLeftPart(UriPartial.Authority));
            published = true;
            await NodeDirectory.WaitUntilFollowedAsync(cluster, Issuer, _ => moved.Relayed > 0);
            var after = await NodeDocuments.VerifyAsync(verifier, receipts[1].Digest, Issuer);

            Assert.True(after.Outcome == VerdictOutcome.Valid, NodeDocuments.Describe(after));
            Assert.True(NodeDocuments.NamesNode(after, moved.Url), $"no check names the new URL {moved.Url}: {NodeDocuments.Describe(after)}");
            Assert.Equal(process, verifier.Process.Id);
        }
        finally
        {
            // Gone before the move back, so that only the node's own address can answer the check that the others followed.
            await moved.DisposeAsync();
            if (published)
            {
                await NodeDirectory.RestoreAsync(cluster, Issuer, others.Select((n, i) => (n.Code, receipts[2 + i].Digest)).ToDictionary());
            }
        }
    }
}
