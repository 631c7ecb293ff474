using System.Security.Cryptography;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;

namespace EthGov.Application.Tests.Nodes;

/// <summary>Internally consistent receipts built from a seed, so each test has its own digests.</summary>
internal static class TestReceipts
{
    public static Digest Digest(int seed) => new(SHA256.HashData(BitConverter.GetBytes(seed)));

    /// <summary>The receipt of the third of five documents anchored by HEALTH in one batch.</summary>
    public static Receipt InBatch(int seed)
    {
        var digests = Enumerable.Range(seed, 5).Select(Digest).ToArray();
        var tree = MerkleTree.Build(digests);
        var anchoredAt = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
        return new Receipt
        {
            Digest = digests[2],
            Issuer = new ReceiptIssuer(2, "HEALTH", "Ministry of Health"),
            ChainId = 31337,
            Registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            TransactionHash = Digest(seed + 100),
            BlockNumber = 1234,
            BlockHash = Digest(seed + 101),
            AnchoredAt = anchoredAt,
            ValidUntil = anchoredAt.AddYears(5),
            Batch = new ReceiptBatch(tree.Root, tree.GetProof(2), 5),
        };
    }
}
