using EthGov.Testing;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>
/// What a replica fault test found once its load stopped and its batches settled: the documents accepted and sent, the
/// chain's count of each, the receipts the replicas serve for the accepted ones, and per replica how many of those it
/// served only when asked again (<c>CatchUps</c>).
/// </summary>
public sealed record ReplicaTally(
    HashSet<string> Accepted, int Sent, List<string> Lost, List<string> Doubled, AnchorCount Counted, List<string> ReceiptFailures, List<string> CatchUps)
{
    // How long a replica may take to serve the receipts of what the database already holds as confirmed: its sync reads
    // the others' rows and batches a few 100 ms rounds after their commit, which the rest of a full test run on two cores
    // has stretched to seconds. A receipt still not served after this is missing from the replica's memory.
    private static readonly TimeSpan s_catchUp = TimeSpan.FromSeconds(60);

    /// <summary>Counts what <paramref name="loads"/> sent against the chain, and checks the receipts at each of <paramref name="checkers"/>, which are stopped after.</summary>
    public static async Task<ReplicaTally> ReadAsync(DeployedChain chain, PostgresOutbox outbox, IEnumerable<AnchorLoad> loads, IEnumerable<ApiProcess> checkers)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(checkers);
        var counted = await AnchorCount.ReadAsync(chain.RpcUrl, chain.Deployment, outbox.Batches());
        var accepted = loads.SelectMany(l => l.Accepted.Keys).ToHashSet();
        var sent = loads.SelectMany(l => l.Sent.Keys).ToHashSet();
        var receiptFailures = new List<string>();
        var catchUps = new List<string>();
        foreach (var replica in checkers)
        {
            using (var api = replica.Client())
            {
                var (failures, late, after) = await counted.CheckReplicaReceiptsAsync(api, accepted, s_catchUp);
                receiptFailures.AddRange(failures);
                catchUps.Add($"{late} served late (last after {after.TotalSeconds:F1} s)");
            }

            await replica.DisposeAsync();
        }

        return new ReplicaTally(accepted, sent.Count, [.. accepted.Where(d => counted.TimesAnchored(d) == 0)],
            [.. sent.Where(d => counted.TimesAnchored(d) > 1)], counted, receiptFailures, catchUps);
    }

    /// <summary>One line for the test's output.</summary>
    public string Describe()
        => $"{Accepted.Count} accepted of {Sent} sent; chain: {Counted.Chain.Documents.Count} DocumentAnchored, {Counted.Chain.Batches.Count} BatchAnchored; " +
            $"lost {Lost.Count}, doubled {Doubled.Count}, unknown roots {Counted.UnknownRoots}, receipts failing {ReceiptFailures.Count}; by replica {string.Join(", ", CatchUps)}";

    /// <summary>Nothing accepted lost, nothing anchored twice, every batch known and counted, every receipt checks out.</summary>
    public void AssertNothingLostOrDoubled()
    {
        Assert.Empty(Lost);
        Assert.Empty(Doubled);
        Assert.Equal(0, Counted.UnknownRoots);
        Assert.Equal(0, Counted.CountMismatches);
        // Whole, since an assertion's message cuts each element short: the answer says which part of the replica's memory was missing.
        Assert.True(ReceiptFailures.Count == 0, $"{ReceiptFailures.Count} receipts failing, the first ones:\n{string.Join("\n", ReceiptFailures.Take(5))}");
    }
}
