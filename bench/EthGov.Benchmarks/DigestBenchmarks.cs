using BenchmarkDotNet.Attributes;
using EthGov.Core.Digests;

namespace EthGov.Benchmarks;

/// <summary>SHA-256 of a document, streamed the way the CLI and the API hash uploads.</summary>
public class DigestBenchmarks
{
    private byte[] _content = [];
    private string _file = "";

    /// <summary>Document size in bytes.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Size { get; set; }

    public static IEnumerable<int> Sizes => BenchmarkMode.Quick
        ? [1024, 1024 * 1024]
        : [1024, 1024 * 1024, 100 * 1024 * 1024];

    [GlobalSetup]
    public void Setup()
    {
        _content = SampleData.Bytes(Size);
        _file = Path.Combine(Path.GetTempPath(), $"ethgov-bench-{Environment.ProcessId}-{Size}.bin");
        File.WriteAllBytes(_file, _content);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    [Benchmark(Description = "digest: MemoryStream")]
    public Digest FromMemoryStream()
    {
        using var stream = new MemoryStream(_content, writable: false);
        return DocumentHasher.Hash(stream);
    }

    [Benchmark(Description = "digest: file")]
    public Digest FromFile() => DocumentHasher.HashFile(_file);
}
