using EthGov.Core.Verification;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// Any node verifies any department's documents by digest: a single document from the chain alone, a batch member
/// with the proof its issuing department's node serves, checked against the chain; with the issuer named
/// (<c>?department=</c>, as a QR code names it) and without (every department's node is asked).
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class CrossNodeVerificationTests(NodeCluster cluster)
{
    [Theory]
    [InlineData("CIVIL")]
    [InlineData("HEALTH")]
    [InlineData("TRANSPORT")]
    public async Task VerifyDigest_SingleDocumentOfEachDepartment_IsValidOnEveryNode(string issuer)
    {
        var receipt = await NodeDocuments.AnchorSingleAsync(cluster[issuer]);

        foreach (var node in cluster.Nodes)
        {
            foreach (var department in new[] { issuer, null })
            {
                var verdict = await NodeDocuments.VerifyAsync(node, receipt.Digest, department);

                Assert.True(verdict.Outcome == VerdictOutcome.Valid, $"on {node.Code}'s node, department {department ?? "not named"}: {NodeDocuments.Describe(verdict)}");
                Assert.Equal(issuer, verdict.Department);
                Assert.Null(verdict.Facts.BatchRoot);
            }
        }
    }

    [Theory]
    [InlineData("CIVIL")]
    [InlineData("HEALTH")]
    [InlineData("TRANSPORT")]
    public async Task VerifyDigest_BatchMemberOfEachDepartment_IsValidOnEveryNode_WithTheIssuerNodeNamedAsTheProofsSource(string issuer)
    {
        // One member per node and way of asking, so that every verification is that node's first of the document.
        var receipts = await NodeDocuments.AnchorBatchAsync(cluster[issuer], 2 * cluster.Nodes.Count);
        var next = 0;

        foreach (var node in cluster.Nodes)
        {
            foreach (var department in new[] { issuer, null })
            {
                var receipt = receipts[next++];
                var verdict = await NodeDocuments.VerifyAsync(node, receipt.Digest, department);

                var asked = $"on {node.Code}'s node, department {department ?? "not named"}";
                Assert.True(verdict.Outcome == VerdictOutcome.Valid, $"{asked}: {NodeDocuments.Describe(verdict)}");
                Assert.Equal(issuer, verdict.Department);
                Assert.Equal(receipt.Batch!.Root, verdict.Facts.BatchRoot);
                if (node.Code != issuer)
                {
                    Assert.True(NodeDocuments.NamesNode(verdict, cluster[issuer].BaseUrl), $"{asked}, no check names {issuer}'s node: {NodeDocuments.Describe(verdict)}");
                }
            }
        }
    }
}
