using System.Diagnostics;
using System.Text.Json.Nodes;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// A node trusts no other node: when the chain points a department's entry at a node that answers too slowly or
/// answers with a proof of something else, no node calls the department's batch member valid. Each test moves
/// TRANSPORT's entry to a <see cref="FakeIssuerNode"/> through the registry, as a department's stolen or careless key
/// could, and moves it back before it ends.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class UntrustedIssuerNodeTests(NodeCluster cluster)
{
    private const string Issuer = "TRANSPORT";

    // Well beyond the nodes' timeout for another node's answer (EthGov:Nodes:TimeoutSeconds, 3 s by default).
    private static readonly TimeSpan s_slowAnswer = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task VerifyDigest_IssuerNodeAnsweringBeyondTheTimeout_IsUnreachableWithoutWaitingForTheAnswer()
    {
        var receipts = await NodeDocuments.AnchorBatchAsync(cluster[Issuer], 4);
        var (control, target) = (receipts[0], receipts[1]);
        await using var fake = await FakeIssuerNode.StartAsync();
        // The true receipt, only late: a node that waited for it would call the document valid.
        fake.Answer(target.Digest, await NodeDocuments.ReceiptJsonAsync(cluster[Issuer], target.Digest), s_slowAnswer);

        await WithIssuerAtAsync(fake, control, [receipts[2].Digest, receipts[3].Digest], async () =>
        {
            foreach (var (node, department) in Verifiers())
            {
                var clock = Stopwatch.StartNew();
                var verdict = await NodeDocuments.VerifyAsync(node, target.Digest, department);
                clock.Stop();

                var asked = $"on {node.Code}'s node, department {department ?? "not named"}";
                Assert.True(verdict.Outcome == VerdictOutcome.Unreachable, $"{asked}: {NodeDocuments.Describe(verdict)}");
                Assert.True(clock.Elapsed < s_slowAnswer - TimeSpan.FromSeconds(5), $"{asked}: answered after {clock.Elapsed.TotalSeconds:N1} s");
            }

            Assert.True(fake.RequestsFor(target.Digest) >= 2, $"the slow node was asked {fake.RequestsFor(target.Digest)} times");
        });
    }

    [Fact]
    public async Task VerifyDigest_IssuerNodeAnsweringWithAProofOfSomethingElse_IsNeverValid()
    {
        var receipts = await NodeDocuments.AnchorBatchAsync(cluster[Issuer], 7);
        var control = receipts[0];
        var sibling = receipts[1];
        var siblingJson = await NodeDocuments.ReceiptJsonAsync(cluster[Issuer], sibling.Digest);
        await using var fake = await FakeIssuerNode.StartAsync();
        var lies = new (string Lie, Receipt Target, string Json)[]
        {
            ("the receipt of another document of the batch", receipts[2], siblingJson),
            ("another document's proof under the asked digest", receipts[3], WithDigest(siblingJson, receipts[3].Digest)),
            ("a proof leading to a root the chain never anchored", receipts[4], await UnanchoredRootAsync(receipts[4].Digest)),
        };
        foreach (var (_, target, json) in lies)
        {
            fake.Answer(target.Digest, json);
        }

        await WithIssuerAtAsync(fake, control, [receipts[5].Digest, receipts[6].Digest], async () =>
        {
            foreach (var (lie, target, _) in lies)
            {
                foreach (var (node, department) in Verifiers())
                {
                    var verdict = await NodeDocuments.VerifyAsync(node, target.Digest, department);

                    Assert.True(verdict.Outcome == VerdictOutcome.Unknown, $"{lie}, on {node.Code}'s node, department {department ?? "not named"}: {NodeDocuments.Describe(verdict)}");
                }

                Assert.True(fake.RequestsFor(target.Digest) >= 2, $"{lie}: the lying node was asked {fake.RequestsFor(target.Digest)} times");
            }
        });
    }

    // The nodes that verify the issuer's documents, each asked once naming the issuer (as a QR code does) and once not.
    private IEnumerable<(ClusterNode Node, string? Department)> Verifiers()
    {
        var others = cluster.Nodes.Where(n => n.Code != Issuer).ToList();
        return [(others[0], Issuer), (others[1], null)];
    }

    /// <summary>
    /// Checks that the other nodes verify <paramref name="control"/> through the issuer's own node, moves the issuer's
    /// entry to <paramref name="fake"/>, waits until they ask it, runs <paramref name="body"/>, and moves the entry back,
    /// waiting until each other node verifies one of <paramref name="restored"/> through the issuer's node again.
    /// </summary>
    private async Task WithIssuerAtAsync(FakeIssuerNode fake, Receipt control, Digest[] restored, Func<Task> body)
    {
        var first = cluster.Nodes.First(n => n.Code != Issuer);
        var verdict = await NodeDocuments.VerifyAsync(first, control.Digest, Issuer);
        Assert.True(verdict.Outcome == VerdictOutcome.Valid, $"before the move: {NodeDocuments.Describe(verdict)}");

        await NodeDirectory.SetUrlAsync(cluster, Issuer, fake.PublicUrl);
        try
        {
            await NodeDirectory.WaitUntilFollowedAsync(cluster, Issuer, probe => fake.RequestsFor(probe) > 0);
            await body();
        }
        finally
        {
            var others = cluster.Nodes.Where(n => n.Code != Issuer).Select(n => n.Code).ToList();
            await NodeDirectory.RestoreAsync(cluster, Issuer, others.Zip(restored).ToDictionary(p => p.First, p => p.Second));
        }
    }

    private static string WithDigest(string receiptJson, Digest digest)
    {
        var receipt = JsonNode.Parse(receiptJson)!;
        receipt["digest"] = digest.ToString();
        return receipt.ToJsonString();
    }

    // The target's own receipt, but with a batch of the target and a stranger: a proof that holds, for a root nobody anchored.
    private async Task<string> UnanchoredRootAsync(Digest target)
    {
        var tree = MerkleTree.Build([target, NodeDocuments.NewDigest()]);
        var receipt = JsonNode.Parse(await NodeDocuments.ReceiptJsonAsync(cluster[Issuer], target))!;
        receipt["batch"] = new JsonObject
        {
            ["root"] = tree.Root.ToString(),
            ["proof"] = new JsonArray([.. tree.GetProof(target).Select(p => (JsonNode)JsonValue.Create(p.ToString())!)]),
            ["documentCount"] = 2,
        };
        return receipt.ToJsonString();
    }
}
