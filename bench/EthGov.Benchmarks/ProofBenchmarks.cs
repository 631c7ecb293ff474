using BenchmarkDotNet.Attributes;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;

namespace EthGov.Benchmarks;

/// <summary>Checking one document's proof against its batch root, what every batch verification does first.</summary>
public class ProofBenchmarks
{
    private Digest _root;
    private Digest _digest;
    private Digest[] _proof = [];

    [GlobalSetup]
    public void Setup()
    {
        var digests = SampleData.Digests(SampleData.BatchSize, seed: 11);
        var tree = MerkleTree.Build(digests);
        _root = tree.Root;
        _digest = digests[SampleData.BatchSize / 2];
        _proof = tree.GetProof(SampleData.BatchSize / 2);
    }

    [Benchmark(Description = "proof: verify (batch of 1,024)")]
    public bool Verify() => MerkleTree.Verify(_root, _digest, _proof);
}
