using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Tests.TestSupport;

namespace EthGov.Core.Tests.Merkle;

// Expected values were produced once with @openzeppelin/merkle-tree 1.0.8:
// StandardMerkleTree.of(values.map(v => [v]), ["bytes32"]). MerkleInteropTests re-derives such values live.
public class MerkleTreeTests
{
    [Fact]
    public void Build_OneDigest_RootIsTheLeafAndProofIsEmpty()
    {
        var tree = MerkleTree.Build([TestDigests.Small(1)]);

        Assert.Equal("0xb5d9d894133a730aa651ef62d26b0ffa846233c74177a591a4a896adfda97d22", tree.Root.ToString());
        Assert.Empty(tree.GetProof(0));
        Assert.Equal(MerkleTree.HashLeaf(TestDigests.Small(1)), tree.Root);
    }

    [Fact]
    public void Build_ThreeDigests_MatchesOpenZeppelinRootAndProofs()
    {
        var tree = MerkleTree.Build([TestDigests.Small(1), TestDigests.Small(2), TestDigests.Small(3)]);

        Assert.Equal("0x6115218373392d12cc18a3d50ad2a53a2c99b391060070dfc0ebbbbe158ec944", tree.Root.ToString());
        AssertProof(tree.GetProof(0), "0x673620737675e2755ce8269a99904022d15da8d5843f5aec205cd243ff80240a");
        AssertProof(
            tree.GetProof(1),
            "0x2584db4a68aa8b172f70bc04e2e74541617c003374de6eb4b295e823e5beab01",
            "0xb5d9d894133a730aa651ef62d26b0ffa846233c74177a591a4a896adfda97d22");
        AssertProof(
            tree.GetProof(2),
            "0x1ab0c6948a275349ae45a06aad66a8bd65ac18074615d53676c09b67809099e0",
            "0xb5d9d894133a730aa651ef62d26b0ffa846233c74177a591a4a896adfda97d22");
    }

    [Fact]
    public void Build_FiveDigests_MatchesOpenZeppelinRootAndProofs()
    {
        var tree = MerkleTree.Build(Enumerable.Range(1, 5).Select(TestDigests.Small).ToArray());

        Assert.Equal("0x21abd2f655ded75d91fbd5e0b1ad35171a675fd315a077efa7f2d555a26e7094", tree.Root.ToString());
        AssertProof(
            tree.GetProof(1),
            "0x16db2e4b9f8dc120de98f8491964203ba76de27b27b29c2d25f85a325cd37477",
            "0xc167b0e3c82238f4f2d1a50a8b3a44f96311d77b148c30dc0ef863e1a060dcb6",
            "0x1a6dbeb0d179031e5261494ac4b6ee4e284665e8d2ea3ff44f7a2ddf5ca07bb7");
        AssertProof(
            tree.GetProof(3),
            "0x161691c7185a37ff918e70bebef716ddd87844ac47f419ea23eaf4fe983fbf2c",
            "0x1a6dbeb0d179031e5261494ac4b6ee4e284665e8d2ea3ff44f7a2ddf5ca07bb7");
    }

    [Fact]
    public void Build_DuplicateDigests_MatchesOpenZeppelin()
    {
        var tree = MerkleTree.Build([TestDigests.Small(5), TestDigests.Small(5), TestDigests.Small(7)]);

        Assert.Equal("0xb9936823223394b51ce7c39725322fb7acf5dce6e70f55383a8b04fe02c3f503", tree.Root.ToString());
        AssertProof(tree.GetProof(2), "0x790ace2148221315e914faef8629e146e545805d8eb11ac17210665dfc985853");
        Assert.True(tree.TryGetIndex(TestDigests.Small(5), out int index));
        Assert.Equal(1, index);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1_000)]
    [InlineData(4_097)]
    public void TryGetIndex_FindsEveryDigestAtItsPosition_AndNoOther(int count)
    {
        var digests = TestDigests.Random(count, seed: count);
        var tree = MerkleTree.Build(digests);

        for (int i = 0; i < count; i++)
        {
            Assert.True(tree.TryGetIndex(digests[i], out int index));
            Assert.Equal(i, index);
        }

        foreach (var absent in TestDigests.Random(200, seed: 1_000_000 + count))
        {
            Assert.False(tree.TryGetIndex(absent, out int index));
            Assert.Equal(-1, index);
        }
    }

    [Fact]
    public void Build_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => MerkleTree.Build([]));
    }

    [Fact]
    public void Build_InputOrder_DoesNotChangeRoot()
    {
        var digests = TestDigests.Random(100, seed: 11);

        Assert.Equal(MerkleTree.Build(digests).Root, MerkleTree.Build(digests.Reverse().ToArray()).Root);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(5000)] // large enough to hash levels in parallel
    public void GetAllProofs_EveryProofVerifies(int count)
    {
        var digests = TestDigests.Random(count, seed: count);
        var tree = MerkleTree.Build(digests);

        var proofs = tree.GetAllProofs();

        Assert.Equal(count, proofs.Count);
        var (min, max) = MerkleTree.ProofLengthRange((uint)count);
        for (int i = 0; i < count; i++)
        {
            Assert.True(MerkleTree.Verify(tree.Root, digests[i], proofs[i]), $"proof {i}");
            Assert.InRange(proofs[i].Length, min, max);
            Assert.Equal(tree.GetProof(i), proofs[i].ToArray());
        }
    }

    [Fact]
    public void GetProof_ByDigest_EqualsProofByIndex()
    {
        var digests = TestDigests.Random(10, seed: 12);
        var tree = MerkleTree.Build(digests);

        Assert.Equal(tree.GetProof(6), tree.GetProof(digests[6]));
    }

    [Fact]
    public void GetProof_DigestNotInTree_Throws()
    {
        var tree = MerkleTree.Build(TestDigests.Random(4, seed: 13));

        Assert.Throws<ArgumentException>(() => tree.GetProof(TestDigests.One(seed: 14)));
    }

    [Fact]
    public void GetProof_IndexOutOfRange_Throws()
    {
        var tree = MerkleTree.Build(TestDigests.Random(4, seed: 15));

        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetProof(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetProof(-1));
    }

    [Fact]
    public void CopyProof_WritesSameElementsAsGetProof()
    {
        var tree = MerkleTree.Build(TestDigests.Random(33, seed: 16));
        Span<Digest> buffer = stackalloc Digest[8];

        int length = tree.CopyProof(20, buffer);

        Assert.Equal(tree.GetProof(20), buffer[..length].ToArray());
    }

    [Fact]
    public void Verify_ProofOfAnotherDigest_ReturnsFalse()
    {
        var digests = TestDigests.Random(16, seed: 17);
        var tree = MerkleTree.Build(digests);

        Assert.False(MerkleTree.Verify(tree.Root, digests[1], tree.GetProof(2)));
        Assert.False(MerkleTree.Verify(tree.Root, TestDigests.One(seed: 18), tree.GetProof(2)));
    }

    [Fact]
    public void HashPair_IsOrderIndependent()
    {
        var a = TestDigests.One(seed: 19);
        var b = TestDigests.One(seed: 20);

        Assert.Equal(MerkleTree.HashPair(a, b), MerkleTree.HashPair(b, a));
    }

    [Theory]
    [InlineData(1u, 0, 0)]
    [InlineData(2u, 1, 1)]
    [InlineData(3u, 1, 2)]
    [InlineData(4u, 2, 2)]
    [InlineData(5u, 2, 3)]
    [InlineData(1024u, 10, 10)]
    public void ProofLengthRange_MatchesTreeDepths(uint count, int min, int max)
    {
        Assert.Equal((min, max), MerkleTree.ProofLengthRange(count));
    }

    private static void AssertProof(Digest[] proof, params string[] expected) =>
        Assert.Equal(expected, proof.Select(p => p.ToString()).ToArray());
}
