using System.Collections.Concurrent;
using EthGov.Application.Anchoring;
using EthGov.Application.Verification;
using EthGov.Chain.Registry;
using EthGov.Cli.Common;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;

namespace EthGov.Cli.Anchoring;

/// <summary>What one run of <c>ethgov anchor</c> did.</summary>
/// <param name="Files">Files given.</param>
/// <param name="AlreadyAnchored">Files skipped because the chain confirmed the receipt next to them.</param>
/// <param name="Anchored">Documents (distinct digests) anchored by this run.</param>
/// <param name="Batches">Transactions sent.</param>
/// <param name="GasUsed">Gas those transactions used.</param>
/// <param name="Transactions">Their hashes, in batch order.</param>
/// <param name="ReplacedReceipts">Receipts found next to a file that the chain did not confirm, replaced by this run.</param>
public sealed record AnchorSummary(int Files, int AlreadyAnchored, int Anchored, int Batches, ulong GasUsed, IReadOnlyList<string> Transactions, IReadOnlyList<ReplacedReceipt> ReplacedReceipts);

/// <summary>A receipt that claimed a file was anchored and that the chain did not confirm, and why.</summary>
public sealed record ReplacedReceipt(string Receipt, string Reason);

/// <summary>Progress callbacks (a progress bar, or nothing).</summary>
public interface IAnchorProgress
{
    /// <summary>One more file hashed.</summary>
    void Hashed();

    /// <summary><paramref name="documents"/> more documents anchored.</summary>
    void Anchored(int documents);
}

/// <summary>
/// Anchors files in Merkle batches: hashes them in parallel, skips those whose receipt the chain confirms (so a re-run
/// anchors nothing twice), sends one transaction per batch and writes one receipt per file. A receipt is a claim
/// anyone can write: it counts only when it names the file's SHA-256, this chain, this registry and this department,
/// and the registry confirms it; any other receipt is replaced, and the summary says which and why.
/// </summary>
public sealed class FolderAnchorer(RegistryClient client, ReceiptIssuer issuer, ulong chainId, int batchSize, DateTimeOffset? validUntil)
{
    /// <summary>How many batch transactions may wait for their receipts at once (nonces stay ordered).</summary>
    private const int ConcurrentBatches = 4;

    /// <summary>A receipt is a few kilobytes (a proof of a 50,000-document batch is 16 hashes); a larger file is not one.</summary>
    private const long MaxReceiptBytes = 1 << 20;

    /// <summary>Anchors <paramref name="files"/>.</summary>
    public async Task<AnchorSummary> AnchorAsync(IReadOnlyList<InputFile> files, IAnchorProgress progress, CancellationToken cancellationToken)
    {
        var digests = new Digest[files.Count];
        var done = new bool[files.Count];
        var replaced = new ReplacedReceipt?[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), cancellationToken, async (i, ct) =>
        {
            digests[i] = await DocumentHasher.HashFileAsync(files[i].Path, ct);
            var unconfirmed = await CheckReceiptAsync(files[i].ReceiptPath, digests[i], ct);
            done[i] = unconfirmed is null && IsPresent(files[i].ReceiptPath);
            replaced[i] = unconfirmed is null ? null : new ReplacedReceipt(files[i].ReceiptPath, unconfirmed);
            progress.Hashed();
        });

        // The same content in two files is one document: anchor each new digest once.
        var pending = Enumerable.Range(0, files.Count).Where(i => !done[i]).GroupBy(i => digests[i]).ToList();
        var batches = BatchPlanner.Plan(pending, batchSize).ToList();
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
            [.. ordered.Select(t => t.Hash)],
            [.. replaced.OfType<ReplacedReceipt>()]);
    }

    private async Task<(string Hash, ulong Gas)> AnchorBatchAsync(IGrouping<Digest, int>[] batch, IReadOnlyList<InputFile> files, CancellationToken cancellationToken)
    {
        var anchor = AnchorBatch.Form([.. batch.Select(g => g.Key)]);
        var outcome = CommandRunner.OrFail(await anchor.SendAsync(client.Documents, validUntil, cancellationToken));
        for (var index = 0; index < batch.Length; index++)
        {
            await WriteReceiptsAsync(batch[index], files, anchor.ReceiptFor(index, issuer, chainId, client.Context.Address, outcome, validUntil), cancellationToken);
        }

        return (outcome.TransactionHash, outcome.GasUsed);
    }

    private static async Task WriteReceiptsAsync(IEnumerable<int> fileIndexes, IReadOnlyList<InputFile> files, Receipt receipt, CancellationToken cancellationToken)
    {
        var json = ReceiptWriter.ToJson(receipt);
        foreach (var i in fileIndexes)
        {
            await AtomicFile.WriteAllTextAsync(files[i].ReceiptPath, json, cancellationToken);
        }
    }

    private static bool IsPresent(string path) => File.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>Null when there is no receipt or the chain confirms it; otherwise why it does not count.</summary>
    private async Task<string?> CheckReceiptAsync(string receiptPath, Digest digest, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            await using var stream = new FileStream(receiptPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            if (stream.Length > MaxReceiptBytes)
            {
                return $"the receipt is {stream.Length} bytes, too large to be one";
            }

            using var reader = new StreamReader(stream);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (IOException ex) when (ex is FileNotFoundException or DirectoryNotFoundException && new FileInfo(receiptPath).LinkTarget is null)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the receipt cannot be read ({ex.Message})";
        }

        var parsed = ReceiptReader.Parse(text);
        if (!parsed.IsValid)
        {
            return $"the receipt is not valid: {string.Join("; ", parsed.Errors.Take(3))}";
        }

        var receipt = parsed.Receipt;
        if (receipt.Digest != digest)
        {
            return $"the receipt names {receipt.Digest}, but the file's SHA-256 is {digest}";
        }

        // A receipt from another chain or registry (say, a dev chain since wiped) proves nothing here.
        if (receipt.ChainId != chainId || !string.Equals(receipt.Registry, client.Context.Address, StringComparison.OrdinalIgnoreCase))
        {
            return $"the receipt is for registry {receipt.Registry} on chain {receipt.ChainId}, not {client.Context.Address} on chain {chainId}";
        }

        if (receipt.Issuer.Id != issuer.Id)
        {
            return $"the receipt names department {receipt.Issuer.Id} ({receipt.Issuer.Code}) as issuer, not {issuer.Id} ({issuer.Code})";
        }

        var report = CommandRunner.OrFail(await ChainVerifier.VerifyAsync(client.Documents, new VerificationQuery(digest) { FileDigest = digest, Receipt = receipt }));
        if (report.Verdict.Outcome is VerdictOutcome.Mismatch or VerdictOutcome.Unknown)
        {
            var failed = report.Verdict.Checks.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => $"{c.Name}: {c.Detail}");
            return $"the chain does not confirm the receipt ({string.Join("; ", failed)})";
        }

        // A revoked, superseded or expired document is still this department's anchor: its receipt stands, and
        // anchoring it again would not make it valid.
        return report.Facts.DepartmentId == issuer.Id
            ? null
            : $"the chain names department {report.Facts.DepartmentId} as issuer, not {issuer.Id} ({issuer.Code})";
    }
}
