using System.Text.Json;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Tests.TestSupport;

namespace EthGov.Core.Tests.Merkle;

/// <summary>
/// Builds the same trees here and with @openzeppelin/merkle-tree (through merkle-interop.mjs) and
/// checks both directions: the library's root and proofs equal ours, and the library verifies our proofs.
/// </summary>
public class MerkleInteropTests
{
    // The library needs about a minute for 100,000 leaves on a quiet machine and passed its two-minute limit on a
    // busy one; 20,001 leaves (a tree 15 levels deep, odd at several levels) exercise the same hashing in seconds.
    // Proving every leaf there would add more.
    private const int SampleSize = 24;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1_000)]
    [InlineData(20_001)]
    public async Task Build_RandomDigests_EqualsOpenZeppelinLibraryBothWays(int count)
    {
        var digests = TestDigests.Random(count, seed: 5_000 + count);
        var tree = MerkleTree.Build(digests);
        var indices = PickIndices(count);
        string work = Directory.CreateTempSubdirectory("merkle-interop-").FullName;
        try
        {
            string digestsFile = Path.Combine(work, "digests.txt");
            await File.WriteAllLinesAsync(digestsFile, digests.Select(d => d.ToString()));
            var verify = indices.Select(i => new { index = i, proof = tree.GetProof(i).Select(p => p.ToString()) }).ToList();
            if (count > 1)
            {
                // A proof presented for the wrong value must be refused by the library too.
                verify.Add(new { index = 1, proof = tree.GetProof(0).Select(p => p.ToString()) });
            }

            string requestFile = Path.Combine(work, "request.json");
            await File.WriteAllTextAsync(requestFile, JsonSerializer.Serialize(new
            {
                digestsFile,
                proveIndices = indices,
                verify,
                root = tree.Root.ToString(),
            }));

            string output = await NodeRunner.RunAsync(
                TimeSpan.FromSeconds(120),
                Path.Combine(RepositoryRoot.Path, "tests", "EthGov.Core.Tests", "merkle-interop.mjs"),
                new Uri(Path.Combine(RepositoryRoot.Path, "node_modules", "@openzeppelin", "merkle-tree", "dist", "index.js")).AbsoluteUri,
                requestFile);

            using var result = JsonDocument.Parse(output);
            var root = result.RootElement;
            Assert.Equal(tree.Root.ToString(), root.GetProperty("root").GetString());
            Assert.Equal(count, root.GetProperty("count").GetInt32());
            foreach (int index in indices)
            {
                var theirs = root.GetProperty("proofs").GetProperty(index.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .EnumerateArray().Select(e => Digest.Parse(e.GetString()!)).ToArray();
                Assert.Equal(tree.GetProof(index), theirs);
            }

            var verdicts = root.GetProperty("verified").EnumerateArray().Select(v => v.GetProperty("ok").GetBoolean()).ToArray();
            Assert.All(verdicts.Take(indices.Length), Assert.True);
            if (count > 1)
            {
                Assert.False(verdicts[^1]);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static int[] PickIndices(int count)
    {
        if (count <= 1_000)
        {
            return Enumerable.Range(0, count).ToArray();
        }

        var random = new Random(count);
        return new[] { 0, 1, count / 2, count - 1 }
            .Concat(Enumerable.Range(0, SampleSize - 4).Select(_ => random.Next(count)))
            .Distinct()
            .ToArray();
    }
}
