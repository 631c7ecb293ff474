using System.Security.Cryptography;
using EthGov.Application.Exchange.Grantee;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;

namespace EthGov.Application.Tests.Exchange;

/// <summary>The access-log batch: one StandardMerkleTree root per batch, and a proof per entry that the holder checks.</summary>
public sealed class AccessLogBatchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Form_EveryEntrysProof_VerifiesAgainstTheRoot_AndNoOtherEntrysDoes(int count)
    {
        var entries = RandomEntries(count);

        var batch = AccessLogBatch.Form(entries);

        Assert.Equal(MerkleTree.Build(entries).Root, batch.Root);
        for (int i = 0; i < count; i++)
        {
            var proof = batch.ProofOf(i);
            Assert.True(MerkleTree.Verify(batch.Root, entries[i], proof), $"entry {i} of {count}");
            Assert.False(MerkleTree.Verify(batch.Root, RandomEntries(1)[0], proof));
        }
    }

    [Fact]
    public void Form_OneEntry_RootIsItsLeafHash_AndItsProofIsEmpty()
    {
        var entry = RandomEntries(1)[0];

        var batch = AccessLogBatch.Form([entry]);

        Assert.Equal(MerkleTree.HashLeaf(entry), batch.Root);
        Assert.Empty(batch.ProofOf(0));
    }

    [Fact]
    public void Form_TheSameEntryTwice_IsRefused()
    {
        var entry = RandomEntries(1)[0];

        Assert.Throws<ArgumentException>(() => AccessLogBatch.Form([entry, RandomEntries(1)[0], entry]));
        Assert.Throws<ArgumentException>(() => AccessLogBatch.Form([]));
    }

    private static Digest[] RandomEntries(int count)
        => [.. Enumerable.Range(0, count).Select(_ => new Digest(RandomNumberGenerator.GetBytes(32)))];
}
