using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Testing;
using Xunit.Abstractions;

namespace EthGov.Api.Tests.Telemetry;

/// <summary>
/// The Prometheus scrape at /metrics: only for a key with the operator scope, and what it shows after documents are
/// anchored, against a real chain.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsApiTests(ApiFixture fixture, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Metrics_NoKey_Returns401Unauthorized()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/metrics");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Metrics_KeyWithEveryScopeButOperator_Returns403InsufficientScope()
    {
        var key = await fixture.Host.CreateKeyAsync("CIVIL", ApiKeyScopeNames.All & ~ApiKeyScopes.Operator);

        using var response = await fixture.Host.ClientWithKey(key).GetAsync("/metrics");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "insufficient-scope");
        Assert.Equal(["operator"], problem.GetProperty("requiredScopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Metrics_RevokedOperatorKey_Returns401Unauthorized()
    {
        var table = ApiKeyTable.Create(fixture.Host.Database);
        var (created, secret) = await table.CreateAsync("CIVIL", ApiKeyScopes.Operator);
        using var client = fixture.Host.ClientWithKey(secret);
        (await client.GetAsync("/metrics")).EnsureSuccessStatusCode();

        await table.RevokeAsync(created.Id);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage response;
        while ((response = await client.GetAsync("/metrics")).StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            response.Dispose();
            await Task.Delay(200);
        }

        using (response)
        {
            await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Fact]
    public async Task Metrics_AfterABatchIsAnchoredAndVerified_CountsExactlyItsDocuments_OneBatchOfThatSize_AndOneVerification()
    {
        using var scraper = fixture.Host.ClientWithKey(await fixture.Host.CreateKeyAsync("CIVIL", ApiKeyScopes.Operator));
        var digests = Enumerable.Range(0, 25).Select(_ => TestDigests.New()).ToArray();
        var before = await ScrapeAsync(scraper);

        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        (await civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests })).EnsureSuccessStatusCode();
        // Sent again: already accepted, so not counted twice.
        (await civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests = digests[..5] })).EnsureSuccessStatusCode();
        foreach (var digest in digests)
        {
            await fixture.Host.WaitAnchoredAsync(digest);
        }

        (await fixture.Host.CreateClient().GetAsync($"/api/v1/verify/{digests[0]}")).EnsureSuccessStatusCode();

        // The exporter serves one rendering for a second.
        var after = await ScrapeAsync(scraper);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Delta(before, after, "ethgov_verification_duration_seconds_count") < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            after = await ScrapeAsync(scraper);
        }

        output.WriteLine(string.Join('\n', after.Text.Split('\n').Where(l => l.StartsWith("ethgov_", StringComparison.Ordinal) || l.StartsWith("# TYPE ethgov_", StringComparison.Ordinal))));
        Assert.Equal(25, Delta(before, after, "ethgov_documents_accepted_total"));
        Assert.Equal(25, Delta(before, after, "ethgov_documents_anchored_total"));
        Assert.Equal(1, Delta(before, after, "ethgov_batch_size_count"));
        Assert.Equal(25, Delta(before, after, "ethgov_batch_size_sum"));
        Assert.Equal(25, Delta(before, after, "ethgov_documents_anchor_latency_seconds_count"));
        Assert.Equal(1, Delta(before, after, "ethgov_transactions_sent_total"));
        Assert.True(Delta(before, after, "ethgov_transactions_gas_total") > 21_000);
        Assert.True(after.HasSample("ethgov_transactions_sent_total", "function=\"AnchorBatchFunction\""), "sent transactions are tagged with their function");
        Assert.True(after.Sum("ethgov_database_commit_duration_seconds_count") > before.Sum("ethgov_database_commit_duration_seconds_count"));
        Assert.Equal(1, Delta(before, after, "ethgov_verification_duration_seconds_count"));
        Assert.True(after.HasSample("ethgov_verification_duration_seconds_count", "outcome=\"valid\""), "verifications are tagged with their verdict");
        Assert.True(after.HasSample("ethgov_chain_block_age_seconds", "otel_scope_name=\"EthGov\""), "the chain's health is served");
        Assert.InRange(after.Sum("ethgov_chain_block_age_seconds"), 0, 600);
        Assert.True(after.HasSample("http_server_request_duration_seconds_count", "http_route=\"/api/v1/documents/batch\""), "ASP.NET Core's request durations are served too");
    }

    private static async Task<Scrape> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    private static double Delta(Scrape before, Scrape after, string name) => after.Sum(name) - before.Sum(name);
}
