using System.Collections.Concurrent;
using EthGov.Chain.Receipts;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;

namespace EthGov.Cli.Anchoring;

/// <summary>What one run of <c>ethgov anchor</c> did.</summary>
public sealed record AnchorSummary(int Files, int AlreadyAnchored, int Anchored, int Batches, ulong GasUsed, IReadOnlyList<string> Transactions);

/// <summary>Progress callbacks (a progress bar, or nothing).</summary>
public interface IAnchorProgress
{
    /// <summary>One more file hashed.</summary>
    void Hashed();

    /// <summary><paramref name="documents"/> more documents anchored.</summary>
    void Anchored(int documents);
}

/// <summary>
/// Anchors files in Merkle batches: hashes them in parallel, skips those whose receipt already proves
/// the same digest (so a re-run anchors nothing twice), sends one transaction per batch and writes one receipt per file.
/// </summary>
public sealed class FolderAnchorer(RegistryClient client, ReceiptIssuer issuer, ulong chainId, int batchSize, DateTimeOffset? validUntil)
{
    /// <summary>How many batch transactions may wait for their receipts at once (nonces stay ordered).</summary>
    private const int ConcurrentBatches = 4;

    /// <summary>Anchors <paramref name="files"/>.</summary>
    public async Task<AnchorSummary> AnchorAsync(IReadOnlyList<InputFile> files, IAnchorProgress progress, CancellationToken cancellationToken)
    {
        var digests = new Digest[files.Count];
        var done = new bool[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), cancellationToken, async (i, ct) =>
        {
            digests[i] = await DocumentHasher.HashFileAsync(files[i].Path, ct);
            done[i] = await HasReceiptForAsync(files[i].ReceiptPath, digests[i], ct);
            progress.Hashed();
        });

        // The same content in two files is one document: anchor each new digest once.
        var pending = Enumerable.Range(0, files.Count).Where(i => !done[i]).GroupBy(i => digests[i]).ToList();
        var batches = pending.Chunk(batchSize).ToList();
        var transactions = new ConcurrentBag<(int Batch, string Hash, ulong Gas)>();
        await Parallel.ForEachAsync(
            batches.Select((batch, number) => (batch, number)),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentBatches, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var (hash, gas) = await AnchorBatchAsync(item.batch, files, ct);
                transactions.Add((item.number, hash, gas));
                progress.Anchored(item.batch.Sum(g => g.Count()));
            });

        var ordered = transactions.OrderBy(t => t.Batch).ToList();
        return new AnchorSummary(
            files.Count,
            files.Count - pending.Sum(g => g.Count()),
            pending.Count,
            batches.Count,
            (ulong)ordered.Sum(t => (decimal)t.Gas),
            [.. ordered.Select(t => t.Hash)]);
    }

    private async Task<(string Hash, ulong Gas)> AnchorBatchAsync(IGrouping<Digest, int>[] batch, IReadOnlyList<InputFile> files, CancellationToken cancellationToken)
    {
        if (batch.Length == 1)
        {
            // A lone document costs less as a single anchor, and its receipt needs no proof.
            var digest = batch[0].Key;
            var single = await client.Documents.AnchorAsync(digest, validUntil, cancellationToken);
            var outcome = Common.CommandRunner.OrFail(single);
            var receipt = ReceiptFactory.ForSingle(digest, issuer, chainId, client.Context.Address, outcome, validUntil);
            await WriteReceiptsAsync(batch[0], files, receipt, cancellationToken);
            return (outcome.TransactionHash, outcome.GasUsed);
        }

        var tree = MerkleTree.Build([.. batch.Select(g => g.Key)]);
        var result = Common.CommandRunner.OrFail(await client.Documents.AnchorBatchAsync(tree.Root, tree.Count, validUntil, cancellationToken));
        for (var index = 0; index < batch.Length; index++)
        {
            var receipt = ReceiptFactory.ForBatchMember(tree, index, issuer, chainId, client.Context.Address, result, validUntil);
            await WriteReceiptsAsync(batch[index], files, receipt, cancellationToken);
        }

        return (result.TransactionHash, result.GasUsed);
    }

    private static async Task WriteReceiptsAsync(IEnumerable<int> fileIndexes, IReadOnlyList<InputFile> files, Receipt receipt, CancellationToken cancellationToken)
    {
        var json = ReceiptWriter.ToJson(receipt);
        foreach (var i in fileIndexes)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(files[i].ReceiptPath)!);
            await File.WriteAllTextAsync(files[i].ReceiptPath, json, cancellationToken);
        }
    }

    private async Task<bool> HasReceiptForAsync(string receiptPath, Digest digest, CancellationToken cancellationToken)
    {
        if (!File.Exists(receiptPath))
        {
            return false;
        }

        var parsed = ReceiptReader.Parse(await File.ReadAllTextAsync(receiptPath, cancellationToken));
        // A receipt from another chain or registry (say, a dev chain since wiped) proves nothing here.
        return parsed.IsValid && parsed.Receipt.Digest == digest && parsed.Receipt.ChainId == chainId
            && string.Equals(parsed.Receipt.Registry, client.Context.Address, StringComparison.OrdinalIgnoreCase);
    }
}
