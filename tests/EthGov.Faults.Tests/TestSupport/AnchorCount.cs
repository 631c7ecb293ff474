using System.Collections.Concurrent;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>
/// Counts how often each digest is anchored on chain: once per <c>DocumentAnchored</c> event naming it, plus once per
/// <c>BatchAnchored</c> event whose root's batch (as the outbox stored its members) holds it. Then checks every
/// receipt's Merkle proof leads to a root the chain holds.
/// </summary>
public sealed class AnchorCount
{
    private readonly Dictionary<Digest, int> _times = [];

    private AnchorCount(ChainAnchors chain, IEnumerable<(Digest Root, int State, string? BlockHash, Digest[] Members)> batches)
    {
        Chain = chain;
        var stored = batches.GroupBy(b => b.Root).ToDictionary(g => g.Key, g => g.First().Members);
        foreach (var digest in chain.Documents)
        {
            _times[digest] = _times.GetValueOrDefault(digest) + 1;
        }

        foreach (var (root, count) in chain.Batches)
        {
            if (!stored.TryGetValue(root, out var members))
            {
                UnknownRoots++;
                continue;
            }

            if (members.Length != count)
            {
                CountMismatches++;
            }

            foreach (var member in members)
            {
                _times[member] = _times.GetValueOrDefault(member) + 1;
            }
        }
    }

    /// <summary>The chain's events.</summary>
    public ChainAnchors Chain { get; }

    /// <summary>Batch roots on chain the outbox has no batch for.</summary>
    public int UnknownRoots { get; }

    /// <summary>Batches whose on-chain document count differs from the stored membership.</summary>
    public int CountMismatches { get; }

    /// <summary>Counts the anchors of the chain at <paramref name="rpcUrl"/> against the outbox in <paramref name="dataDirectory"/>.</summary>
    public static async Task<AnchorCount> ReadAsync(Uri rpcUrl, EthGov.Chain.Deployments.Deployment deployment, string dataDirectory)
        => new(await ChainAnchors.ReadAsync(rpcUrl, deployment), new OutboxDatabase(dataDirectory).Batches());

    /// <summary>Counts the anchors of the chain at <paramref name="rpcUrl"/> against the batches <paramref name="stored"/> (read from PostgreSQL).</summary>
    public static async Task<AnchorCount> ReadAsync(Uri rpcUrl, EthGov.Chain.Deployments.Deployment deployment, IEnumerable<(Digest Root, int State, string? BlockHash, Digest[] Members)> stored)
        => new(await ChainAnchors.ReadAsync(rpcUrl, deployment), stored);

    /// <summary>How many times <paramref name="digest"/> is anchored.</summary>
    public int TimesAnchored(string digest) => _times.GetValueOrDefault(Digest.Parse(digest));

    /// <summary>
    /// Fetches each digest's receipt from the API and checks it: a batch receipt's proof leads to its root and the chain
    /// holds that root; a single receipt's digest has its own event. Returns the digests whose receipt failed, with why.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckReceiptsAsync(HttpClient api, IEnumerable<string> digests)
    {
        var roots = Chain.Batches.Select(b => b.Root).ToHashSet();
        var singles = Chain.Documents.ToHashSet();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(digests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (digest, cancellationToken) =>
        {
            using var response = await api.GetAsync($"/api/v1/documents/{digest}/receipt", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var parsed = ReceiptReader.Parse(body);
            if (!response.IsSuccessStatusCode || parsed.Receipt is not { } receipt)
            {
                // The answer itself (a problem's title and detail) says which part of the replica's memory was missing.
                failures.Add($"{digest}: no receipt ({(int)response.StatusCode}): {body[..Math.Min(body.Length, 300)]}");
            }
            else if (receipt.Batch is { } batch)
            {
                if (!MerkleTree.Verify(batch.Root, receipt.Digest, batch.Proof.ToArray()) || !roots.Contains(batch.Root))
                {
                    failures.Add($"{digest}: proof to {batch.Root} does not hold on chain");
                }
            }
            else if (!singles.Contains(receipt.Digest))
            {
                failures.Add($"{digest}: single receipt without a DocumentAnchored event");
            }
        });
        return [.. failures];
    }
}
