using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Configuration;
using EthGov.Api.Documents;
using EthGov.Api.Verification;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Testing;

namespace EthGov.Nodes.Tests.TestSupport;

/// <summary>Anchors documents through a department's node and verifies them on any node, as the nodes' clients do.</summary>
public static class NodeDocuments
{
    /// <summary>The API's JSON settings, for reading its answers.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <summary>A digest no other test uses.</summary>
    public static Digest NewDigest() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Anchors one document (default: a new one) alone through <paramref name="node"/> and returns its receipt once confirmed.</summary>
    public static async Task<Receipt> AnchorSingleAsync(ClusterNode node, Digest? digest = null)
    {
        using var client = node.DepartmentClient();
        using var response = await client.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = (digest ?? NewDigest()).ToString() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = (await response.Content.ReadFromJsonAsync<DocumentStatusResponse>(Json))!;
        Assert.Equal("anchored", status.Status);
        Assert.Null(status.Receipt!.Batch);
        return status.Receipt;
    }

    /// <summary>
    /// Anchors <paramref name="count"/> new documents in one request through <paramref name="node"/>, so one Merkle
    /// batch holds them, and returns their receipts once confirmed, in the order sent.
    /// </summary>
    public static async Task<IReadOnlyList<Receipt>> AnchorBatchAsync(ClusterNode node, int count)
    {
        var digests = Enumerable.Range(0, count).Select(_ => NewDigest()).ToList();
        using var client = node.DepartmentClient();
        using (var response = await client.PostAsJsonAsync("/api/v1/documents/batch", new { digests = digests.Select(d => d.ToString()) }))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var receipts = new List<Receipt>();
        foreach (var digest in digests)
        {
            receipts.Add(await WaitAnchoredAsync(client, digest));
        }

        Assert.All(receipts, r => Assert.Equal(receipts[0].Batch!.Root, r.Batch!.Root));
        return receipts;
    }

    /// <summary>The receipt <paramref name="node"/> serves for <paramref name="digest"/>, as JSON text.</summary>
    public static async Task<string> ReceiptJsonAsync(ClusterNode node, Digest digest)
    {
        using var client = node.Client();
        return await client.GetStringAsync($"/api/v1/documents/{digest}/receipt");
    }

    /// <summary>Verifies <paramref name="digest"/> on <paramref name="node"/> by digest, naming <paramref name="department"/> when given.</summary>
    public static async Task<VerifyResponse> VerifyAsync(ClusterNode node, Digest digest, string? department = null)
    {
        using var client = node.Client();
        var query = department is null ? "" : $"?department={department}";
        using var response = await client.GetAsync($"/api/v1/verify/{digest}{query}");
        Assert.True(response.IsSuccessStatusCode, $"{node.Code}'s node answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<VerifyResponse>(Json))!;
    }

    /// <summary>Whether any check of <paramref name="verdict"/> names the node at <paramref name="nodeUrl"/> (its host and port).</summary>
    public static bool NamesNode(VerifyResponse verdict, Uri nodeUrl)
        => verdict.Checks.Any(c => c.Detail.Contains(nodeUrl.Authority, StringComparison.OrdinalIgnoreCase));

    /// <summary>What <paramref name="verdict"/> says, for assertion messages.</summary>
    public static string Describe(VerifyResponse verdict)
        => $"{verdict.Outcome}: " + string.Join("; ", verdict.Checks.Select(c => $"{c.Name} {c.Outcome} ({c.Detail})"));

    private static async Task<Receipt> WaitAnchoredAsync(HttpClient client, Digest digest)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = (await client.GetFromJsonAsync<DocumentStatusResponse>($"/api/v1/documents/{digest}", Json))!;
            if (status.Status == "anchored")
            {
                return status.Receipt!;
            }

            Assert.True(status.Status == "pending" && DateTime.UtcNow < deadline, $"{digest} is {status.Status} {status.Error}");
            await Task.Delay(100);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }
}
