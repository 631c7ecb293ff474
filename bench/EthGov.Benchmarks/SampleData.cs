using System.Security.Cryptography;
using EthGov.Chain.Receipts;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;

namespace EthGov.Benchmarks;

/// <summary>Deterministic inputs shared by the benchmarks, so two runs measure the same work.</summary>
internal static class SampleData
{
    /// <summary>Hardhat's registry address for the first deployment by dev:0; any address works here.</summary>
    public const string Registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    /// <summary>The batch size the CLI and the API use by default.</summary>
    public const int BatchSize = 1024;

    /// <summary><paramref name="count"/> distinct pseudo-random digests from <paramref name="seed"/>.</summary>
    public static Digest[] Digests(int count, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[Digest.Size];
        var digests = new Digest[count];
        for (int i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            digests[i] = new Digest(bytes);
        }

        return digests;
    }

    /// <summary><paramref name="size"/> random bytes.</summary>
    public static byte[] Bytes(int size)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        return content;
    }

    /// <summary>The receipt of the document at <paramref name="index"/> of a full batch, as the CLI writes it.</summary>
    public static Receipt BatchReceipt(int index)
    {
        var tree = MerkleTree.Build(Digests(BatchSize, seed: 7));
        var outcome = new TransactionOutcome(
            "0x" + Convert.ToHexStringLower(SHA256.HashData("tx"u8)),
            1234,
            "0x" + Convert.ToHexStringLower(SHA256.HashData("block"u8)),
            DateTimeOffset.FromUnixTimeSeconds(1_760_000_000),
            60_000);
        return ReceiptFactory.ForBatchMember(tree, index, new ReceiptIssuer(1, "CIVIL", "Civil Registry Office"), 31337, Registry, outcome, validUntil: null);
    }

    /// <summary>What the chain says about a valid document of <paramref name="receipt"/>.</summary>
    public static ChainFacts ValidFacts(Receipt receipt) => new()
    {
        Status = DocumentStatus.Valid,
        DepartmentId = receipt.Issuer.Id,
        DepartmentStatus = DepartmentStatus.Active,
        AnchoredAt = receipt.AnchoredAt,
        AnchoredBlock = receipt.BlockNumber,
        ValidUntil = receipt.ValidUntil,
        Successor = Digest.Zero,
        ReadAtBlock = receipt.BlockNumber + 10,
        ReadAtTime = receipt.AnchoredAt.AddMinutes(2),
        DepartmentCode = receipt.Issuer.Code,
        DepartmentName = receipt.Issuer.Name,
        ChainId = receipt.ChainId,
        Registry = receipt.Registry,
    };
}
