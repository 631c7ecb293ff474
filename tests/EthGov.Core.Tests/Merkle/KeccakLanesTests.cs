using System.Security.Cryptography;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;

namespace EthGov.Core.Tests.Merkle;

public sealed class KeccakLanesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(37)]
    [InlineData(1_000)]
    public void HashLeaves_EqualsOneAtATime(int count)
    {
        var values = RandomDigests(count);
        var leaves = new Digest[count];

        KeccakLanes.HashLeaves(values, leaves);

        for (int i = 0; i < count; i++)
        {
            Assert.Equal(MerkleTree.HashLeaf(values[i]), leaves[i]);
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 4)]
    [InlineData(1, 6)]
    [InlineData(3, 40)]
    [InlineData(7, 500)]
    public void HashLevel_EqualsOneAtATime(int from, int to)
    {
        var nodes = RandomDigests(2 * to + 1);
        var expected = (Digest[])nodes.Clone();
        for (int k = from; k < to; k++)
        {
            expected[k] = MerkleTree.HashPair(nodes[2 * k + 1], nodes[2 * k + 2]);
        }

        KeccakLanes.HashLevel(nodes, from, to);

        Assert.Equal(expected, nodes);
    }

    [Fact]
    public void HashLevel_EqualChildren_HashesThePairAsScalarDoes()
    {
        var digest = RandomDigests(1)[0];
        var nodes = new Digest[13];
        nodes.AsSpan(5).Fill(digest);

        // Nodes 2 to 5 have children 5 to 12, all the same digest.
        KeccakLanes.HashLevel(nodes, 2, 6);

        Assert.All(nodes[2..6], n => Assert.Equal(MerkleTree.HashPair(digest, digest), n));
    }

    private static Digest[] RandomDigests(int count)
    {
        var bytes = RandomNumberGenerator.GetBytes(count * Digest.Size);
        return [.. Enumerable.Range(0, count).Select(i => new Digest(bytes.AsSpan(i * Digest.Size, Digest.Size)))];
    }
}
