using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Core.Verification;
using EthGov.Testing;

namespace EthGov.Api.Tests.Outbox;

/// <summary>The outbox across a restart, on the store <see cref="Store"/> chooses (SQLite here; PostgreSQL in a derived class).</summary>
public class OutboxRestartTests(DevChain chain) : IClassFixture<DevChain>
{
    /// <summary>Settings that choose the store; none: SQLite in the data directory.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Store { get; } = new Dictionary<string, string?>();

    [Fact]
    public async Task Restart_WithPendingOutboxEntries_AllEndAnchoredOnce()
    {
        var digests = Enumerable.Range(0, 40).Select(_ => TestDigests.New()).ToArray();
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
            (await client.PostAsJsonAsync("/api/v1/documents/batch", new { digests = digests[..30] })).EnsureSuccessStatusCode();
            foreach (var digest in digests[30..])
            {
                using var accepted = await client.PostAsJsonAsync("/api/v1/documents", new { digest });
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            }
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
    }

    /// <summary>Checks that the store the settings chose holds each of <paramref name="digests"/> once, in one confirmed batch.</summary>
    protected virtual void AssertStored(string dataDirectory, IReadOnlyList<string> digests)
    {
        Assert.Equal(digests.Count, DatabaseRows.Read(dataDirectory, "SELECT id FROM documents").Count);
        Assert.Equal(digests.Count, DatabaseRows.Read(dataDirectory, "SELECT document_id FROM issued_documents").Count);
        Assert.All(DatabaseRows.Read(dataDirectory, "SELECT state FROM batches"), state => Assert.Equal("1", state));
    }
}
