using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Core.Verification;
using EthGov.Testing;

namespace EthGov.Api.Tests.Outbox;

/// <summary>The outbox across a restart, on the store <see cref="Store"/> chooses (SQLite here; PostgreSQL in a derived class).</summary>
public class OutboxRestartTests(DevChain chain) : IClassFixture<DevChain>
{
    /// <summary>The chain the nodes anchor on.</summary>
    protected DevChain Chain => chain;

    /// <summary>Settings that choose the store; none: SQLite in the data directory.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Store { get; } = new Dictionary<string, string?>();

    // Of the test's 90 documents, those posted with a label (a kind or a file name): each has one register line.
    protected const int LabelledDocuments = 40;

    // Those posted in one request without labels and valid until then (on PostgreSQL the outbox takes them by COPY).
    protected const int UnlabelledInOneRequest = 40;
    protected static readonly DateTimeOffset UnlabelledValidUntil = new(2031, 1, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Restart_WithPendingOutboxEntries_AllEndAnchoredOnce()
    {
        // 35 in one request with a kind, 40 in one request without labels but with a validity, 10 alone without labels,
        // 5 alone with a file name: register lines for 40 of them.
        var digests = Enumerable.Range(0, 90).Select(_ => TestDigests.New()).ToArray();
        string dataDirectory;
        await using (var first = await ApiHost.StartAsync(chain, new Dictionary<string, string?>(Store)
        {
            // The batcher does not run before the host is disposed: every accepted digest stays pending.
            ["EthGov:Outbox:BatchInterval"] = "01:00:00",
            ["EthGov:Outbox:BatchSize"] = "1000000",
        }))
        {
            dataDirectory = first.DataDirectory;
            var client = first.ClientWithKey(await first.CreateKeyAsync("HEALTH"));
            (await client.PostAsJsonAsync("/api/v1/documents/batch", new { digests = digests[..35], kind = "permit" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/documents/batch", new { digests = digests[35..75], validUntil = UnlabelledValidUntil })).EnsureSuccessStatusCode();
            await Task.WhenAll(digests[75..].Select(async (digest, i) =>
            {
                using var accepted = await client.PostAsJsonAsync("/api/v1/documents", new { digest, fileName = i >= 10 ? $"scan-{i}.pdf" : null });
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            }));
        }

        await using var second = await ApiHost.StartAsync(chain, new Dictionary<string, string?>(Store), dataDirectory: dataDirectory);

        foreach (var digest in digests)
        {
            await second.WaitAnchoredAsync(digest);
        }

        var verdict = await second.CreateClient().GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digests[35]}", TestJson.Options);
        Assert.Equal(VerdictOutcome.Valid, verdict!.Outcome);
        var again = await second.ClientWithKey(await second.CreateKeyAsync("HEALTH")).PostAsJsonAsync("/api/v1/documents", new { digest = digests[0] });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        AssertStored(dataDirectory, digests);

        // The register lists every document, with the labels of those that had any.
        var register = await second.ClientWithKey(await second.CreateKeyAsync("HEALTH"))
            .GetFromJsonAsync<JsonElement>("/api/v1/documents?pageSize=200", TestJson.Options);
        var items = register.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("digest").GetString()!, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(digests.Length, items.Count);
        Assert.All(digests[..35], d => Assert.Equal("permit", items[d].GetProperty("kind").GetString()));
        Assert.All(digests[35..85], d => Assert.False(items[d].TryGetProperty("fileName", out var name) && name.ValueKind != JsonValueKind.Null));
        Assert.All(digests[35..75], d => Assert.False(items[d].TryGetProperty("kind", out var kind) && kind.ValueKind != JsonValueKind.Null));
        Assert.All(digests[85..], d => Assert.StartsWith("scan-", items[d].GetProperty("fileName").GetString(), StringComparison.Ordinal));
    }

    /// <summary>Checks that the store the settings chose holds each of <paramref name="digests"/> once, in one confirmed batch.</summary>
    protected virtual void AssertStored(string dataDirectory, IReadOnlyList<string> digests)
    {
        Assert.Equal(digests.Count, DatabaseRows.Read(dataDirectory, "SELECT id FROM documents").Count);
        Assert.Equal(LabelledDocuments, DatabaseRows.Read(dataDirectory, "SELECT document_id FROM issued_documents").Count);
        Assert.Equal(UnlabelledInOneRequest, DatabaseRows.Read(dataDirectory, $"SELECT id FROM documents WHERE valid_until = {UnlabelledValidUntil.ToUnixTimeSeconds()}").Count);
        Assert.All(DatabaseRows.Read(dataDirectory, "SELECT state FROM batches"), state => Assert.Equal("1", state));
    }
}
