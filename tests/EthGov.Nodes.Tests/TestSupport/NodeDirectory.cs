using EthGov.Api.Verification;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using EthGov.Testing;

namespace EthGov.Nodes.Tests.TestSupport;

/// <summary>
/// Changes a department's node entry on chain as the department itself does (docs/operations.md, "Running a department
/// node"): requested with one of its keys, applied once the signer-change delay has passed; and waits until the other
/// nodes follow the change.
/// </summary>
public static class NodeDirectory
{
    private static readonly TimeSpan s_followTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Points <paramref name="code"/>'s node entry at <paramref name="url"/>, keeping its public keys: requested and applied
    /// with the department's officer key (its node keeps sending with its own), the chain's clock moved past the delay.
    /// </summary>
    public static async Task SetUrlAsync(NodeCluster cluster, string code, string url)
    {
        var departmentId = cluster[code].DepartmentId;
        var reader = cluster.Reader().Departments;
        var current = (await reader.GetNodeAsync(departmentId)).Unwrap() ?? throw new InvalidOperationException($"{code} has no node entry on chain");
        var officer = cluster.OfficerOf(code).Departments;
        var (_, changeId) = (await officer.RequestSetNodeAsync(url, current.SigningKey, current.EncryptionKey)).Unwrap();
        await cluster.IncreaseTimeAsync(DevChain.SignerChangeDelay);
        (await officer.ApplySignerChangeAsync(changeId)).Unwrap();
        Assert.Equal(url, (await reader.GetNodeAsync(departmentId)).Unwrap()!.Url);
    }

    /// <summary>
    /// Waits until every running node but <paramref name="code"/>'s, asked to verify a digest nobody anchored as issued
    /// by <paramref name="code"/>, asks the node <paramref name="reached"/> watches (given the digest asked about).
    /// </summary>
    public static async Task WaitUntilFollowedAsync(NodeCluster cluster, string code, Func<Digest, bool> reached)
    {
        foreach (var node in cluster.Nodes.Where(n => n.Code != code && n.IsRunning))
        {
            var deadline = DateTime.UtcNow + s_followTimeout;
            while (true)
            {
                var probe = NodeDocuments.NewDigest();
                await NodeDocuments.VerifyAsync(node, probe, code);
                if (reached(probe))
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"{node.Code}'s node did not follow {code}'s new node URL within {s_followTimeout.TotalSeconds:N0} s");
                await Task.Delay(500);
            }
        }
    }

    /// <summary>
    /// Points <paramref name="code"/>'s entry back at its own node and waits until each other node verifies, through it,
    /// the document of <paramref name="members"/> kept for that node (a batch member of <paramref name="code"/> it never
    /// verified, keyed by node code).
    /// </summary>
    public static async Task RestoreAsync(NodeCluster cluster, string code, IReadOnlyDictionary<string, Digest> members)
    {
        await SetUrlAsync(cluster, code, cluster[code].PublicUrl);
        foreach (var node in cluster.Nodes.Where(n => n.Code != code && n.IsRunning))
        {
            var deadline = DateTime.UtcNow + s_followTimeout;
            VerifyResponse verdict;
            while ((verdict = await NodeDocuments.VerifyAsync(node, members[node.Code], code)).Outcome != VerdictOutcome.Valid)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{node.Code}'s node did not follow {code}'s node URL back: {NodeDocuments.Describe(verdict)}");
                await Task.Delay(500);
            }
        }
    }
}
