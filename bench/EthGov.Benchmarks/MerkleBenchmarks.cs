using BenchmarkDotNet.Attributes;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;

namespace EthGov.Benchmarks;

/// <summary>Building a Merkle batch and every document's proof (issue target: 10^6 leaves with proofs in 5 s).</summary>
public class MerkleBenchmarks
{
    private Digest[] _digests = [];

    /// <summary>Documents in the tree.</summary>
    [ParamsSource(nameof(LeafCounts))]
    public int Leaves { get; set; }

    public static IEnumerable<int> LeafCounts => BenchmarkMode.Quick
        ? [1_000, 10_000, 100_000]
        : [1_000, 10_000, 100_000, 1_000_000];

    [GlobalSetup]
    public void Setup() => _digests = SampleData.Digests(Leaves, seed: Leaves);

    [Benchmark(Description = "merkle: build")]
    public Digest Build() => MerkleTree.Build(_digests).Root;

    [Benchmark(Description = "merkle: build + all proofs")]
    public int BuildWithAllProofs() => MerkleTree.Build(_digests).GetAllProofs().Count;
}
