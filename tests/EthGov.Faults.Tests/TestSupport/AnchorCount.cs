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
        => [.. (await CheckEachAsync(api, digests)).Select(f => f.Failure)];

    /// <summary>
    /// <see cref="CheckReceiptsAsync"/> for a replica, whose memory trails the shared database by design (its sync reads the
    /// other replicas' rows and batches a few rounds after their commit, seconds under a loaded machine): a receipt it does
    /// not serve yet is asked again every half second until <paramref name="patience"/> has passed; a receipt it serves
    /// that does not hold is a failure at once. Returns what still failed, how many were served only late, and when the
    /// last of those was.
    /// </summary>
    public async Task<(IReadOnlyList<string> Failures, int Late, TimeSpan CaughtUpAfter)> CheckReplicaReceiptsAsync(
        HttpClient api, IEnumerable<string> digests, TimeSpan patience)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = await CheckEachAsync(api, digests);
        var wrong = first.Where(f => !f.Unserved).ToList();
        var waiting = first.Where(f => f.Unserved).ToList();
        int late = waiting.Count;
        var caughtUp = TimeSpan.Zero;
        while (waiting.Count > 0 && clock.Elapsed < patience)
        {
            await Task.Delay(500);
            var still = await CheckEachAsync(api, waiting.Select(f => f.Digest));
            if (still.Count < waiting.Count)
            {
                caughtUp = clock.Elapsed;
            }

            wrong.AddRange(still.Where(f => !f.Unserved));
            waiting = [.. still.Where(f => f.Unserved)];
        }

        return ([.. wrong.Concat(waiting).Select(f => f.Failure)], late - waiting.Count, caughtUp);
    }

    // Each failing receipt: its digest, why, and whether the API did not serve one at all (as opposed to serving a wrong one).
    private async Task<List<(string Digest, string Failure, bool Unserved)>> CheckEachAsync(HttpClient api, IEnumerable<string> digests)
    {
        var roots = Chain.Batches.Select(b => b.Root).ToHashSet();
        var singles = Chain.Documents.ToHashSet();
        var failures = new ConcurrentBag<(string, string, bool)>();
        await Parallel.ForEachAsync(digests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (digest, cancellationToken) =>
        {
            using var response = await api.GetAsync($"/api/v1/documents/{digest}/receipt", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var parsed = ReceiptReader.Parse(body);
            if (!response.IsSuccessStatusCode || parsed.Receipt is not { } receipt)
            {
                // The answer itself (a problem's title and detail) says which part of the replica's memory was missing.
                failures.Add((digest, $"{digest}: no receipt ({(int)response.StatusCode}): {body[..Math.Min(body.Length, 300)]}", true));
            }
            else if (receipt.Batch is { } batch)
            {
                if (!MerkleTree.Verify(batch.Root, receipt.Digest, batch.Proof.ToArray()) || !roots.Contains(batch.Root))
                {
                    failures.Add((digest, $"{digest}: proof to {batch.Root} does not hold on chain", false));
                }
            }
            else if (!singles.Contains(receipt.Digest))
            {
                failures.Add((digest, $"{digest}: single receipt without a DocumentAnchored event", false));
            }
        });
        return [.. failures];
    }
}
