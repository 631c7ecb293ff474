namespace EthGov.LoadTest.Nodes;

/// <summary>Sizes of one run of the node benchmarks.</summary>
/// <param name="Rounds">Rounds of each side-by-side comparison; the second runs its pair in the other order.</param>
/// <param name="FirstConnections">wrk connections of first verifications at saturation.</param>
/// <param name="FirstSeconds">Length of each saturated first-verification run.</param>
/// <param name="FirstDigestsPerRun">Digests each saturated first-verification run may verify once (more than it can reach).</param>
/// <param name="PacedRate">Requests a second of the first verifications on a fixed schedule (for their latency).</param>
/// <param name="PacedSeconds">Length of each measured paced run (after one unmeasured second at the same rate).</param>
/// <param name="WarmupSeconds">Unmeasured paced seconds of each kind before the first measured run.</param>
/// <param name="RepeatedDigests">Digests of each kind verified again and again.</param>
/// <param name="RepeatedConnections">wrk connections of repeated verifications.</param>
/// <param name="RepeatedSeconds">Length of each repeated-verification run.</param>
/// <param name="AnchorSingleConnections">Connections per node, one digest per request.</param>
/// <param name="AnchorBatchDigests">Digests per request of the batch anchoring runs.</param>
/// <param name="AnchorBatchConnections">Connections per node in requests of <paramref name="AnchorBatchDigests"/> digests.</param>
/// <param name="AnchorSeconds">Length of each anchoring run.</param>
internal sealed record NodesRunPlan(
    int Rounds,
    int FirstConnections,
    int FirstSeconds,
    int FirstDigestsPerRun,
    int PacedRate,
    int PacedSeconds,
    int WarmupSeconds,
    int RepeatedDigests,
    int RepeatedConnections,
    int RepeatedSeconds,
    int AnchorSingleConnections,
    int AnchorBatchDigests,
    int AnchorBatchConnections,
    int AnchorSeconds)
{
    public static NodesRunPlan Quick { get; } = new(1, 64, 2, 20_000, 1000, 2, 1, 1000, 64, 2, 256, 1000, 16, 2);

    public static NodesRunPlan Full { get; } = new(2, 64, 10, 150_000, 1000, 5, 2, 2000, 64, 10, 256, 1000, 16, 10);

    /// <summary>First-time digests one kind of verification needs in a run: warm-up, saturated and paced runs.</summary>
    public int FirstDigestsPerKind => (PacedRate * WarmupSeconds) + (Rounds * (FirstDigestsPerRun + (PacedRate * (1 + PacedSeconds))));
}
