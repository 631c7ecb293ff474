using System.Text.Json.Nodes;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;
using EthGov.Core.Tests.TestSupport;

namespace EthGov.Core.Tests.Receipts;

/// <summary>Builds internally consistent receipts from a seed, so each test has its own.</summary>
internal static class TestReceipts
{
    public static readonly DateTimeOffset AnchoredAt = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static Receipt Single(int seed) => new()
    {
        Digest = TestDigests.One(seed),
        Issuer = new ReceiptIssuer(3, "MOT", "Ministry of Transport"),
        ChainId = 31337,
        Registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        TransactionHash = TestDigests.One(seed + 1),
        BlockNumber = 1234,
        BlockHash = TestDigests.One(seed + 2),
        AnchoredAt = AnchoredAt,
        ValidUntil = AnchoredAt.AddYears(5),
    };

    public static Receipt InBatch(int seed, int documents = 7, int index = 5)
    {
        var digests = TestDigests.Random(documents, seed + 10);
        var tree = MerkleTree.Build(digests);
        return Single(seed) with
        {
            Digest = digests[index],
            ValidUntil = null,
            Batch = new ReceiptBatch(tree.Root, tree.GetProof(index), (uint)documents),
        };
    }

    public static JsonObject AsJson(Receipt receipt) => JsonNode.Parse(ReceiptWriter.ToJson(receipt))!.AsObject();

    public static Digest Tamper(Digest digest)
    {
        var bytes = digest.ToArray();
        bytes[31] ^= 1;
        return new Digest(bytes);
    }
}
