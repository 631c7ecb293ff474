using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Reports;

namespace EthGov.Benchmarks;

/// <summary>One measured case, in the units docs/benchmarks.md shows.</summary>
internal sealed record MicroResult(
    string Name,
    string Method,
    IReadOnlyDictionary<string, string> Parameters,
    double MeanNs,
    double MedianNs,
    double StdDevNs,
    int Iterations,
    long? AllocatedBytes);

/// <summary>Writes BenchmarkDotNet's summaries as one small JSON file for scripts/bench.sh to merge.</summary>
internal static class MicroResults
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IReadOnlyList<MicroResult> From(IEnumerable<Summary> summaries)
    {
        var results = new List<MicroResult>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var stats = report.ResultStatistics;
            if (stats is null)
            {
                continue;
            }

            var method = report.BenchmarkCase.Descriptor.WorkloadMethod;
            var description = method.GetCustomAttribute<BenchmarkAttribute>()?.Description ?? method.Name;
            var parameters = report.BenchmarkCase.Parameters.Items
                .ToDictionary(p => p.Name, p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            results.Add(new MicroResult(
                description,
                $"{method.DeclaringType?.Name}.{method.Name}",
                parameters,
                stats.Mean,
                stats.Median,
                stats.StandardDeviation,
                stats.N,
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
        }

        return results;
    }

    public static void Write(string path, bool quick, IReadOnlyList<MicroResult> results)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(new { quick, results }, s_json) + "\n");
    }
}
