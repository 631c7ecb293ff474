namespace EthGov.LoadTest.Chain;

/// <summary>Percentiles of measured durations, in milliseconds (nearest-rank).</summary>
internal sealed record Latencies(int Count, double P50Ms, double P99Ms, double MaxMs)
{
    public static Latencies Of(IReadOnlyCollection<TimeSpan> samples)
    {
        if (samples.Count == 0)
        {
            return new Latencies(0, 0, 0, 0);
        }

        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Latencies(sorted.Length, Math.Round(Rank(0.50), 1), Math.Round(Rank(0.99), 1), Math.Round(sorted[^1], 1));
    }
}
