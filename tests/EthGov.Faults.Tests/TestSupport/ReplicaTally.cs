using EthGov.Testing;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>
/// What a replica fault test found once its load stopped and its batches settled: the documents accepted and sent, the
/// chain's count of each, and the receipts the replicas serve for the accepted ones.
/// </summary>
public sealed record ReplicaTally(HashSet<string> Accepted, int Sent, List<string> Lost, List<string> Doubled, AnchorCount Counted, List<string> ReceiptFailures)
{
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
        foreach (var replica in checkers)
        {
            using (var api = replica.Client())
            {
                receiptFailures.AddRange(await counted.CheckReceiptsAsync(api, accepted));
            }

            await replica.DisposeAsync();
        }

        return new ReplicaTally(accepted, sent.Count, [.. accepted.Where(d => counted.TimesAnchored(d) == 0)],
            [.. sent.Where(d => counted.TimesAnchored(d) > 1)], counted, receiptFailures);
    }

    /// <summary>One line for the test's output.</summary>
    public string Describe()
        => $"{Accepted.Count} accepted of {Sent} sent; chain: {Counted.Chain.Documents.Count} DocumentAnchored, {Counted.Chain.Batches.Count} BatchAnchored; " +
            $"lost {Lost.Count}, doubled {Doubled.Count}, unknown roots {Counted.UnknownRoots}, receipts failing {ReceiptFailures.Count}";

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
