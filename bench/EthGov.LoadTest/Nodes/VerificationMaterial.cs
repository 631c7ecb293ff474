using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace EthGov.LoadTest.Nodes;

/// <summary>
/// Batch members to verify: a node anchors digests of its own (requests of 1,000 through POST
/// /api/v1/documents/batch, as a department's system would send them), and they are handed out only once every
/// request's last digest reads <c>anchored</c> on that node.
/// </summary>
internal static class VerificationMaterial
{
    private const int PerRequest = 1000;
    private const int InFlight = 4;

    /// <summary>
    /// Anchors <paramref name="count"/> digests <c>0x{prefix}{i}</c> (padded to 64 hex digits) through
    /// <paramref name="node"/>, an HTTP client of that node carrying its API key, and waits until all are confirmed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AnchorAsync(HttpClient node, string prefix, int count, CancellationToken cancellationToken)
    {
        int width = 64 - prefix.Length;
        var digests = Enumerable.Range(0, count).Select(i => "0x" + prefix + i.ToString("x" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray();
        var requests = digests.Chunk(PerRequest).ToList();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            using var response = await node.PostAsJsonAsync("/api/v1/documents/batch", new { digests = chunk }, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"anchoring at {node.BaseAddress} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        });

        // A request is batched whole; its last digest stands for the rest.
        var pending = requests.Select(r => r[^1]).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (pending.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{pending.Count} requests' digests not anchored at {node.BaseAddress} after 2 minutes");
            }

            var still = new List<string>();
            foreach (var digest in pending)
            {
                if (!await AnchoredAsync(node, digest, cancellationToken))
                {
                    still.Add(digest);
                }
            }

            pending = still;
            if (pending.Count > 0)
            {
                await Task.Delay(250, cancellationToken);
            }
        }

        return digests;
    }

    private static async Task<bool> AnchoredAsync(HttpClient node, string digest, CancellationToken cancellationToken)
    {
        using var response = await node.GetAsync($"/api/v1/documents/{digest}", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return json.RootElement.GetProperty("status").GetString() == "anchored";
    }
}
