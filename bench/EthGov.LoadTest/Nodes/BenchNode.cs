namespace EthGov.LoadTest.Nodes;

/// <summary>One department's node under load: its department's code, where it listens and an API key of that department.</summary>
internal sealed record BenchNode(string Code, Uri Url, string Key)
{
    /// <summary>
    /// Reads the nodes file scripts/bench.sh writes: one node a line, <c>CODE URL KEY_FILE</c>, in the order the
    /// departments were deployed.
    /// </summary>
    public static async Task<IReadOnlyList<BenchNode>> ReadAllAsync(string path)
    {
        var nodes = new List<BenchNode>();
        foreach (var line in await File.ReadAllLinesAsync(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            if (parts.Length != 3)
            {
                throw new ArgumentException($"{path}: expected CODE URL KEY_FILE, got \"{line}\"");
            }

            var url = new Uri(parts[1]);
            if (!url.IsLoopback)
            {
                throw new ArgumentException("the benchmarks send traffic to loopback only");
            }

            nodes.Add(new BenchNode(parts[0], url, (await File.ReadAllTextAsync(parts[2])).Trim()));
        }

        return nodes;
    }
}
