namespace EthGov.Benchmarks;

/// <summary>
/// Whether the run is the quick one: the parameter sources read it, so the quick run leaves out the
/// cases that take seconds per operation (100 MiB digests, a million leaves).
/// </summary>
internal static class BenchmarkMode
{
    public static bool Quick { get; set; }
}
