using EthGov.Core.Verification;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// A batch member's proof lives with its issuing department's node: while that node is down, no other node can check
/// the document, and none calls it valid.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class IssuerNodeDownTests(NodeCluster cluster)
{
    private const string Issuer = "HEALTH";

    [Fact]
    public async Task VerifyDigest_BatchMemberWhileItsIssuersNodeIsDown_IsUnreachableOnEveryOtherNode()
    {
        var receipts = await NodeDocuments.AnchorBatchAsync(cluster[Issuer], 5);
        var others = cluster.Nodes.Where(n => n.Code != Issuer).ToList();
        // While the issuer's node is up, another node verifies a member of the same batch.
        var control = await NodeDocuments.VerifyAsync(others[0], receipts[0].Digest, Issuer);
        Assert.True(control.Outcome == VerdictOutcome.Valid, NodeDocuments.Describe(control));

        await cluster[Issuer].StopAsync();
        try
        {
            var next = 1;
            foreach (var node in others)
            {
                foreach (var department in new[] { Issuer, null })
                {
                    var verdict = await NodeDocuments.VerifyAsync(node, receipts[next++].Digest, department);

                    Assert.True(verdict.Outcome == VerdictOutcome.Unreachable, $"on {node.Code}'s node, department {department ?? "not named"}: {NodeDocuments.Describe(verdict)}");
                }
            }
        }
        finally
        {
            await cluster[Issuer].StartAsync();
        }
    }
}
