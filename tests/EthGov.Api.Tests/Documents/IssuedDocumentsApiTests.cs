using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Api.Tests.Documents;

/// <summary>
/// The department's register: what the node anchored, with what the clerk noted, searched, paged, scoped to the
/// caller's department, with each row's status from the chain, and exported as CSV that a spreadsheet shows as text.
/// </summary>
public sealed class IssuedDocumentsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task List_ShowsWhatWasNoted_NewestFirst_WithStatusAndLinksOnceAnchored()
    {
        var reference = NewReference();
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var first = TestDigests.New();
        var second = TestDigests.New();
        await Anchor(civil, new { digest = first, fileName = "birth-alice.pdf", reference = reference + "/1", kind = "birth-certificate" });
        await Anchor(civil, new { digest = second, fileName = "birth-bob.pdf", reference = reference + "/2", validUntil = DateTimeOffset.UtcNow.AddYears(5) });
        var pending = await List(civil, $"q={reference}");
        await fixture.Host.WaitAnchoredAsync(second);

        var page = await List(civil, $"q={reference}");

        Assert.Equal([second, first], Items(page).Select(i => i.GetProperty("digest").GetString()));
        Assert.Contains(Items(pending), i => i.GetProperty("status").GetString() == "pending" && !i.TryGetProperty("receiptUrl", out _));
        var alice = Items(page)[1];
        Assert.Equal(("birth-alice.pdf", reference + "/1", "birth-certificate", "valid"),
            (alice.GetProperty("fileName").GetString(), alice.GetProperty("reference").GetString(), alice.GetProperty("kind").GetString(), alice.GetProperty("status").GetString()));
        Assert.True(Items(page)[0].TryGetProperty("validUntil", out _));
        Assert.False(alice.TryGetProperty("validUntil", out _));
        Assert.Equal(HttpStatusCode.OK, (await civil.GetAsync(alice.GetProperty("receiptUrl").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await civil.GetAsync(alice.GetProperty("qrCodeUrl").GetString())).StatusCode);
        Assert.Null(Next(page));
    }

    [Fact]
    public async Task List_FindsADigestByItsStart_AFileNameByPart_AndTakesWildcardsLiterally()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var tag = NewReference();
        var digest = TestDigests.New();
        await Anchor(civil, new { digest, fileName = $"{tag} licence 100%.pdf" });
        await Anchor(civil, new { digest = TestDigests.New(), fileName = $"{tag} licence 1000.pdf" });

        Assert.Equal([digest], Items(await List(civil, $"q={digest[..10]}")).Select(i => i.GetProperty("digest").GetString()));
        Assert.Equal([digest], Items(await List(civil, $"q={digest[2..12].ToUpperInvariant()}")).Select(i => i.GetProperty("digest").GetString()));
        Assert.Equal(2, Items(await List(civil, $"q={Uri.EscapeDataString(tag + " licence")}")).Length);
        Assert.Equal([digest], Items(await List(civil, $"q={Uri.EscapeDataString(tag + " licence 100%")}")).Select(i => i.GetProperty("digest").GetString()));
        Assert.Empty(Items(await List(civil, $"q={Uri.EscapeDataString(tag + " licence _00")}")));
    }

    [Fact]
    public async Task List_PagesThroughEveryDocumentOnce_InOrder()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var reference = NewReference();
        var digests = Enumerable.Range(0, 5).Select(_ => TestDigests.New()).ToList();
        foreach (var digest in digests)
        {
            await Anchor(civil, new { digest, reference });
        }

        var seen = new List<string>();
        var sizes = new List<int>();
        string? next = $"/api/v1/documents?q={reference}&pageSize=2";
        while (next is not null)
        {
            var page = await civil.GetFromJsonAsync<JsonElement>(next);
            sizes.Add(Items(page).Length);
            seen.AddRange(Items(page).Select(i => i.GetProperty("digest").GetString()!));
            next = Next(page);
        }

        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(Enumerable.Reverse(digests), seen);
    }

    [Fact]
    public async Task List_ShowsTheCallersDepartmentOnly()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        using var health = fixture.Host.ClientWithKey(fixture.HealthKey);
        var reference = NewReference();
        var digest = TestDigests.New();
        await Anchor(civil, new { digest, reference });

        Assert.Empty(Items(await List(health, $"q={reference}")));
        Assert.Empty(Items(await List(health, $"q={digest}")));
        Assert.DoesNotContain(Items(await List(health, "pageSize=200")), i => i.GetProperty("digest").GetString() == digest);
        Assert.Single(Items(await List(civil, $"q={digest}")));
        await Problem.AssertAsync(await fixture.Host.CreateClient().GetAsync("/api/v1/documents"), HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task List_StatusFollowsTheChain_ARevokedDocumentIsRevoked_AndTheFilterKeepsIt()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var reference = NewReference();
        var revoked = TestDigests.New();
        var kept = TestDigests.New();
        await Anchor(civil, new { digest = revoked, reference });
        await Anchor(civil, new { digest = kept, reference });
        await fixture.Host.WaitAnchoredAsync(revoked);
        await fixture.Host.WaitAnchoredAsync(kept);

        Assert.Equal(HttpStatusCode.OK, (await civil.PostAsJsonAsync($"/api/v1/documents/{revoked}/revocation", new { reason = "withdrawn" })).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement[] onlyRevoked;
        do
        {
            await Task.Delay(200);
            onlyRevoked = Items(await List(civil, $"q={reference}&status=revoked"));
        }
        while (onlyRevoked.Length == 0 && DateTime.UtcNow < deadline);

        Assert.Equal([revoked], onlyRevoked.Select(i => i.GetProperty("digest").GetString()));
        Assert.Equal([kept], Items(await List(civil, $"q={reference}&status=valid")).Select(i => i.GetProperty("digest").GetString()));
    }

    [Fact]
    public async Task List_DateRange_KeepsOnlyDocumentsAcceptedWithinIt()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var reference = NewReference();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Anchor(civil, new { digest = TestDigests.New(), reference });
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        Assert.Single(Items(await List(civil, $"q={reference}&from={Uri.EscapeDataString(before.ToString("O"))}&to={Uri.EscapeDataString(after.ToString("O"))}")));
        Assert.Empty(Items(await List(civil, $"q={reference}&from={Uri.EscapeDataString(after.ToString("O"))}")));
        Assert.Empty(Items(await List(civil, $"q={reference}&to={Uri.EscapeDataString(before.ToString("O"))}")));
    }

    [Theory]
    [InlineData("status=archived", ProblemTypes.InvalidRequest)]
    [InlineData("pageSize=201", ProblemTypes.InvalidRequest)]
    [InlineData("pageSize=0", ProblemTypes.InvalidRequest)]
    [InlineData("cursor=bm90LWEtY3Vyc29y", ProblemTypes.InvalidCursor)]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", ProblemTypes.InvalidRequest)]
    public async Task List_BadParameters_Are400Problems(string query, string type)
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);

        await Problem.AssertAsync(await civil.GetAsync("/api/v1/documents?" + query), HttpStatusCode.BadRequest, type);
    }

    [Fact]
    public async Task List_QueryLongerThanTheLimit_Is400()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);

        await Problem.AssertAsync(await civil.GetAsync("/api/v1/documents?q=" + new string('a', 129)), HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }

    [Theory]
    [InlineData("fileName", "line\nbreak.pdf")]
    [InlineData("reference", "tab\there")]
    [InlineData("kind", "a-kind-name-that-is-much-longer-than-sixty-four-characters-in-all-of-it")]
    public async Task Anchor_LabelWithControlCharactersOrTooLong_Is400_AndNothingIsAnchored(string label, string value)
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var digest = TestDigests.New();

        using var response = await civil.PostAsJsonAsync("/api/v1/documents", new Dictionary<string, string> { ["digest"] = digest, [label] = value });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        await Problem.AssertAsync(await civil.GetAsync($"/api/v1/documents/{digest}"), HttpStatusCode.NotFound, ProblemTypes.DocumentNotFound);
    }

    [Fact]
    public async Task Upload_NotesTheFilesOwnName_AndTheFormsReference()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var reference = NewReference();
        var content = RandomNumberGenerator.GetBytes(100);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(content), "file", "permit-77.pdf" },
            { new StringContent(reference), "reference" },
        };

        Assert.Equal(HttpStatusCode.Accepted, (await civil.PostAsync("/api/v1/documents/upload", form)).StatusCode);

        var item = Assert.Single(Items(await List(civil, $"q={reference}")));
        Assert.Equal("permit-77.pdf", item.GetProperty("fileName").GetString());
        Assert.Equal("0x" + Convert.ToHexStringLower(SHA256.HashData(content)), item.GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Batch_NotesTheReferenceAndKindOnEveryDocument()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var reference = NewReference();
        string[] digests = [TestDigests.New(), TestDigests.New(), TestDigests.New()];

        Assert.Equal(HttpStatusCode.Accepted, (await civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests, reference, kind = "permit" })).StatusCode);

        var items = Items(await List(civil, $"q={reference}"));
        Assert.Equal(digests.Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("digest").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(items, i => Assert.Equal("permit", i.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task ConcurrentRequestsOfEverySize_EachDocumentKeepsItsOwnRequestsLabels()
    {
        // Requests that meet in one group commit: on PostgreSQL the small ones share one statement and the large ones have
        // their own, and every register line must still carry its own request's labels.
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var tag = NewReference();
        var singles = Enumerable.Range(0, 24).Select(i => (Digest: TestDigests.New(), Reference: $"{tag}/s{i}")).ToArray();
        var batches = Enumerable.Range(0, 3).Select(b => (Digests: Enumerable.Range(0, b == 0 ? 2 : 40).Select(_ => TestDigests.New()).ToArray(), Reference: $"{tag}/b{b}")).ToArray();

        var posts = singles.Select(s => civil.PostAsJsonAsync("/api/v1/documents", new { digest = s.Digest, reference = s.Reference, kind = "single" }))
            .Concat(batches.Select(b => civil.PostAsJsonAsync("/api/v1/documents/batch", new { digests = b.Digests, reference = b.Reference, kind = "batch" })));
        var answers = await Task.WhenAll(posts);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));

        var expected = singles.Select(s => (s.Digest, s.Reference, Kind: "single"))
            .Concat(batches.SelectMany(b => b.Digests.Select(d => (Digest: d, b.Reference, Kind: "batch"))))
            .OrderBy(e => e.Digest, StringComparer.Ordinal).ToArray();
        var seen = new List<(string, string, string)>();
        string? next = $"/api/v1/documents?q={tag}&pageSize=100";
        while (next is not null)
        {
            var page = await civil.GetFromJsonAsync<JsonElement>(next);
            seen.AddRange(Items(page).Select(i => (i.GetProperty("digest").GetString()!, i.GetProperty("reference").GetString()!, i.GetProperty("kind").GetString()!)));
            next = Next(page);
        }

        Assert.Equal(expected, seen.OrderBy(e => e.Item1, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Export_IsCsv_QuotesWhatNeedsIt_AndPrefixesFormulaCells()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var tag = NewReference();
        string[] dangerous = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)"];
        foreach (var name in dangerous)
        {
            await Anchor(civil, new { digest = TestDigests.New(), fileName = name, reference = tag });
        }

        await Anchor(civil, new { digest = TestDigests.New(), fileName = "a, b \"c\".pdf", reference = tag });

        using var response = await civil.GetAsync($"/api/v1/documents/export.csv?q={tag}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("digest,status,acceptedAt,validUntil,fileName,reference,kind,receiptUrl,qrCodeUrl", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.Contains(lines, l => l.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",'+1+1,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",'-2+3,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",'@SUM(A1),", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",\"a, b \"\"c\"\".pdf\",", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.Skip(1), l => l.Split(',')[4].StartsWith('=') || l.Split(',')[4].StartsWith("\"=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_OfAnotherDepartment_HoldsNoneOfItsRows()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        using var transport = fixture.Host.ClientWithKey(fixture.TransportKey);
        var digest = TestDigests.New();
        await Anchor(civil, new { digest });

        var csv = await transport.GetStringAsync("/api/v1/documents/export.csv");

        Assert.DoesNotContain(digest, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_PastTheRowCap_Is400ExportTooLarge_AndANarrowerOneWorks()
    {
        var chain = new DevChain();
        await chain.InitializeAsync();
        try
        {
            await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?> { ["EthGov:Documents:MaxExportRows"] = "2" });
            using var civil = host.ClientWithKey(await host.CreateKeyAsync("CIVIL"));
            var reference = NewReference();
            await Anchor(civil, new { digest = TestDigests.New(), reference });
            await Anchor(civil, new { digest = TestDigests.New(), reference });
            await Anchor(civil, new { digest = TestDigests.New(), reference = "other" });

            var problem = await Problem.AssertAsync(await civil.GetAsync("/api/v1/documents/export.csv"), HttpStatusCode.BadRequest, ProblemTypes.ExportTooLarge);

            Assert.Equal(3, problem.GetProperty("matching").GetInt64());
            var narrow = await civil.GetStringAsync($"/api/v1/documents/export.csv?q={reference}");
            Assert.Equal(3, narrow.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            await chain.DisposeAsync();
        }
    }

    private static string NewReference() => "REF-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static async Task Anchor(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/documents", body);
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static Task<JsonElement> List(HttpClient client, string query) => client.GetFromJsonAsync<JsonElement>("/api/v1/documents?" + query);

    private static string? Next(JsonElement page) => page.TryGetProperty("next", out var next) ? next.GetString() : null;

    private static JsonElement[] Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];
}
