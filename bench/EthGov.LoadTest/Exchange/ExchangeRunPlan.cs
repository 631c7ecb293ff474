namespace EthGov.LoadTest.Exchange;

/// <summary>Sizes of one run of the exchange benchmarks.</summary>
/// <param name="Records">Records of <paramref name="RecordBytes"/> the holder keeps, each under one grant to each grantee.</param>
/// <param name="RecordBytes">Size of each record as anchored (its canonical JSON).</param>
/// <param name="Rates">Exchanges a second posted on the batching grantee, one run per rate.</param>
/// <param name="Seconds">Length of each of those runs.</param>
/// <param name="WindowStart">Seconds of each run not measured (the queue filling); the window runs from here to the end.</param>
/// <param name="ReferenceRate">Exchanges a second posted on the grantee that logs each exchange in its own transaction.</param>
/// <param name="ReferenceSeconds">Length of the reference run.</param>
/// <param name="DrainSeconds">How long after a run's last request its exchanges may take to end.</param>
/// <param name="WarmRounds">Most warm-up rounds of 10 s before the first measured run (fewer when the nodes' compilation settles).</param>
internal sealed record ExchangeRunPlan(int Records, int RecordBytes, IReadOnlyList<int> Rates, int Seconds, int WindowStart, int ReferenceRate, int ReferenceSeconds, int DrainSeconds, int WarmRounds)
{
    public static ExchangeRunPlan Quick { get; } = new(32, 1024, [200, 500], 30, 10, 100, 15, 60, 6);

    public static ExchangeRunPlan Full { get; } = new(64, 1024, [250, 500, 1000], 60, 10, 100, 30, 120, 12);
}
