using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.BulkJobs;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;

namespace EthGov.Api.Tests.BulkJobs;

/// <summary>
/// Bulk jobs: a job made for a number of items, its chunks anchored all or nothing with each item's own reference, kind
/// and expiry, its state after each chunk, a chunk sent twice counted once, and a job that only its maker can see.
/// </summary>
public sealed class BulkJobsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Password = "a long staff password";

    [Fact]
    public async Task Job_TakesChunks_WithEachRowsLabels_AndIsDoneAtItsTotal()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var reference = NewReference();
        var (first, second, third) = (TestDigests.New(), TestDigests.New(), TestDigests.New());
        var expiry = DateTimeOffset.UtcNow.AddYears(2);
        var job = await CreateAsync(civil, "csv", 3, "licences.csv");

        var chunk = await ChunkAsync(civil, job, new { digest = first, reference = reference + "/1", kind = "licence", validUntil = expiry },
            new { digest = second, reference = reference + "/2", fileName = "b.pdf" });
        var middle = await civil.GetFromJsonAsync<JsonElement>($"/api/v1/bulk-jobs/{job}");
        var last = await ChunkAsync(civil, job, new { digest = third, reference = reference + "/3" });

        Assert.Equal(["accepted", "accepted"], Outcomes(chunk));
        Assert.Equal((3, 2, 2, 0, "open", "licences.csv"), State(middle));
        Assert.Equal((3, 3, 3, 0, "done", "licences.csv"), State(last.GetProperty("job")));
        var items = await civil.GetFromJsonAsync<JsonElement>($"/api/v1/bulk-jobs/{job}/items");
        Assert.Equal([first, second, third], items.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("digest").GetString()));
        Assert.Equal("b.pdf", items.GetProperty("items")[1].GetProperty("fileName").GetString());
        var issued = await civil.GetFromJsonAsync<JsonElement>($"/api/v1/documents?q={reference}/1");
        var row = Assert.Single(issued.GetProperty("items").EnumerateArray());
        Assert.Equal((first, "licence"), (row.GetProperty("digest").GetString(), row.GetProperty("kind").GetString()));
        Assert.Equal(expiry.ToUnixTimeSeconds(), row.GetProperty("validUntil").GetDateTimeOffset().ToUnixTimeSeconds());
        await fixture.Host.WaitAnchoredAsync(third);
    }

    [Fact]
    public async Task ReplayedChunk_IsCountedOnce_AndAnchoredOnce()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var reference = NewReference();
        var before = TestDigests.New();
        Assert.Equal(HttpStatusCode.Accepted, (await civil.PostAsJsonAsync("/api/v1/documents", new { digest = before, reference })).StatusCode);
        var fresh = TestDigests.New();
        var job = await CreateAsync(civil, "files", 3);
        object[] items = [new { digest = fresh, reference, fileName = "a.pdf" }, new { digest = before, reference }];

        var sent = await ChunkAsync(civil, job, items);
        var again = await ChunkAsync(civil, job, items);

        Assert.Equal(["accepted", "known"], Outcomes(sent));
        Assert.Equal(["replayed", "replayed"], Outcomes(again));
        Assert.Equal((3, 2, 2, 0, "open", null), State(again.GetProperty("job")));
        var issued = await civil.GetFromJsonAsync<JsonElement>($"/api/v1/documents?q={reference}");
        Assert.Equal(2, issued.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task DigestOfAnotherDepartment_FailsItsItem_AndTheRestIsAccepted()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        using var health = fixture.Host.ClientWithKey(fixture.HealthKey);
        var theirs = TestDigests.New();
        Assert.Equal(HttpStatusCode.Accepted, (await health.PostAsJsonAsync("/api/v1/documents", new { digest = theirs })).StatusCode);
        var job = await CreateAsync(civil, "zip", 2, "scans.zip");

        var chunk = await ChunkAsync(civil, job, new { digest = theirs }, new { digest = TestDigests.New() });

        Assert.Equal(["failed", "accepted"], Outcomes(chunk));
        Assert.Contains("another department", chunk.GetProperty("items")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal((2, 2, 1, 1, "done", "scans.zip"), State(chunk.GetProperty("job")));
    }

    [Fact]
    public async Task ChunkWithABadItem_Is400NamingIt_AndNothingOfItIsAccepted()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var good = TestDigests.New();
        var job = await CreateAsync(civil, "csv", 3);

        using var response = await civil.PostAsJsonAsync($"/api/v1/bulk-jobs/{job}/chunks", new
        {
            items = new object[]
            {
                new { digest = good },
                new { digest = "0x1234" },
                new { digest = TestDigests.New(), validUntil = DateTimeOffset.UtcNow.AddDays(-1) },
            },
        });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("items[1]: digest", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("items[2]: validUntil", errors[1], StringComparison.Ordinal);
        await Problem.AssertAsync(await civil.GetAsync($"/api/v1/documents/{good}"), HttpStatusCode.NotFound, ProblemTypes.DocumentNotFound);
        Assert.Equal((3, 0, 0, 0, "open", null), State(await civil.GetFromJsonAsync<JsonElement>($"/api/v1/bulk-jobs/{job}")));
    }

    [Fact]
    public async Task Limits_JobTotal_ChunkSize_Kind_AndName_Are400()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var job = await CreateAsync(civil, "files", 1);

        await Problem.AssertAsync(await civil.PostAsJsonAsync("/api/v1/bulk-jobs", new { kind = "csv", total = 10_001 }), HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        await Problem.AssertAsync(await civil.PostAsJsonAsync("/api/v1/bulk-jobs", new { kind = "csv", total = 0 }), HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        await Problem.AssertAsync(await civil.PostAsJsonAsync("/api/v1/bulk-jobs", new { kind = "tar", total = 1 }), HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        await Problem.AssertAsync(await civil.PostAsJsonAsync("/api/v1/bulk-jobs", new { kind = "csv", total = 1, name = "a\nb" }), HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        var tooMany = Enumerable.Range(0, 501).Select(_ => new { digest = TestDigests.New() }).ToArray();
        await Problem.AssertAsync(await civil.PostAsJsonAsync($"/api/v1/bulk-jobs/{job}/chunks", new { items = tooMany }), HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        await Problem.AssertAsync(await civil.PostAsJsonAsync($"/api/v1/bulk-jobs/{job}/chunks", new { items = Array.Empty<object>() }), HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }

    [Fact]
    public async Task ChunkPastTheJobsTotal_Is409Overfull_AndNothingIsAccepted()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var job = await CreateAsync(civil, "files", 1);
        var digest = TestDigests.New();

        using var response = await civil.PostAsJsonAsync($"/api/v1/bulk-jobs/{job}/chunks", new { items = new[] { new { digest }, new { digest = TestDigests.New() } } });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, BulkJobProblems.Overfull);
        Assert.Equal(1, problem.GetProperty("total").GetInt32());
        await Problem.AssertAsync(await civil.GetAsync($"/api/v1/documents/{digest}"), HttpStatusCode.NotFound, ProblemTypes.DocumentNotFound);
    }

    [Fact]
    public async Task DoneOrAbandonedJob_TakesNoNewItem_409Closed_ButAReplayStillAnswers()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var done = await CreateAsync(civil, "files", 1);
        var digest = TestDigests.New();
        await ChunkAsync(civil, done, new { digest });
        var abandoned = await CreateAsync(civil, "files", 5);

        using var gaveUp = await civil.DeleteAsync($"/api/v1/bulk-jobs/{abandoned}");
        Assert.Equal(HttpStatusCode.OK, gaveUp.StatusCode);

        await Problem.AssertAsync(await civil.PostAsJsonAsync($"/api/v1/bulk-jobs/{abandoned}/chunks", new { items = new[] { new { digest = TestDigests.New() } } }), HttpStatusCode.Conflict, BulkJobProblems.Closed);
        await Problem.AssertAsync(await civil.DeleteAsync($"/api/v1/bulk-jobs/{abandoned}"), HttpStatusCode.Conflict, BulkJobProblems.Closed);
        Assert.Equal(["replayed"], Outcomes(await ChunkAsync(civil, done, new { digest })));
        var open = await civil.GetFromJsonAsync<JsonElement>("/api/v1/bulk-jobs?state=open");
        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetInt64() == abandoned || j.GetProperty("id").GetInt64() == done);
    }

    [Fact]
    public async Task Department_WithTooManyOpenJobs_Is409Limit_UntilOneIsAbandoned()
    {
        using var transport = fixture.Host.ClientWithKey(fixture.TransportKey);
        var jobs = new List<long>();
        for (var i = 0; i < new BulkJobsOptions().MaxOpenJobs; i++)
        {
            jobs.Add(await CreateAsync(transport, "csv", 2));
        }

        await Problem.AssertAsync(await transport.PostAsJsonAsync("/api/v1/bulk-jobs", new { kind = "csv", total = 2 }), HttpStatusCode.Conflict, BulkJobProblems.Limit);
        using var gaveUp = await transport.DeleteAsync($"/api/v1/bulk-jobs/{jobs[0]}");
        Assert.Equal(HttpStatusCode.OK, gaveUp.StatusCode);
        jobs.Add(await CreateAsync(transport, "csv", 2));
        foreach (var id in jobs.Skip(1))
        {
            (await transport.DeleteAsync($"/api/v1/bulk-jobs/{id}")).Dispose();
        }
    }

    [Fact]
    public async Task Limits_FollowTheNodesConfiguration_AndAreTheOnesItEnforces()
    {
        await using var host = await ApiHost.StartAsync(fixture.Chain, new Dictionary<string, string?>
        {
            ["EthGov:BulkJobs:MaxJobItems"] = "7",
            ["EthGov:BulkJobs:MaxChunkItems"] = "3",
            ["EthGov:BulkJobs:MaxOpenJobs"] = "2",
            ["EthGov:BulkJobs:MaxKeptJobs"] = "9",
        });
        using var civil = host.ClientWithKey(await host.CreateKeyAsync("CIVIL"));
        using var anonymous = host.CreateClient();

        var limits = await civil.GetFromJsonAsync<JsonElement>("/api/v1/bulk-jobs/limits");
        var defaults = await fixture.Host.ClientWithKey(fixture.CivilKey).GetFromJsonAsync<JsonElement>("/api/v1/bulk-jobs/limits");
        using var unsigned = await anonymous.GetAsync("/api/v1/bulk-jobs/limits");

        Assert.Equal((7, 3, 2, 9), (limits.GetProperty("maxJobItems").GetInt32(), limits.GetProperty("maxChunkItems").GetInt32(),
            limits.GetProperty("maxOpenJobs").GetInt32(), limits.GetProperty("maxKeptJobs").GetInt32()));
        Assert.Equal(new BulkJobsOptions { MaxChunkItems = 3 }.MaxChunkBodyBytes, limits.GetProperty("maxChunkBodyBytes").GetInt64());
        Assert.Equal(new BulkJobsOptions().MaxJobItems, defaults.GetProperty("maxJobItems").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains("\"GetBulkJobLimits\"", await anonymous.GetStringAsync("/openapi/v1.json"), StringComparison.Ordinal);
        await Problem.AssertAsync(await civil.PostAsJsonAsync("/api/v1/bulk-jobs", new { kind = "csv", total = 8 }), HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        var job = await CreateAsync(civil, "csv", 7);
        using var tooBig = await civil.PostAsJsonAsync($"/api/v1/bulk-jobs/{job}/chunks",
            new { items = Enumerable.Range(0, 4).Select(_ => new { digest = TestDigests.New() }).ToArray() });
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
    }

    [Fact]
    public async Task AnotherDepartmentsJob_AndAnotherCallersJob_Are404_AndUntouched()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        using var health = fixture.Host.ClientWithKey(fixture.HealthKey);
        using var otherCivilKey = fixture.Host.ClientWithKey(await fixture.Host.CreateKeyAsync("CIVIL"));
        var job = await CreateAsync(civil, "files", 2);
        var digest = TestDigests.New();

        foreach (var stranger in new[] { health, otherCivilKey })
        {
            await Problem.AssertAsync(await stranger.GetAsync($"/api/v1/bulk-jobs/{job}"), HttpStatusCode.NotFound, BulkJobProblems.NotFound);
            await Problem.AssertAsync(await stranger.GetAsync($"/api/v1/bulk-jobs/{job}/items"), HttpStatusCode.NotFound, BulkJobProblems.NotFound);
            await Problem.AssertAsync(await stranger.PostAsJsonAsync($"/api/v1/bulk-jobs/{job}/chunks", new { items = new[] { new { digest } } }), HttpStatusCode.NotFound, BulkJobProblems.NotFound);
            await Problem.AssertAsync(await stranger.DeleteAsync($"/api/v1/bulk-jobs/{job}"), HttpStatusCode.NotFound, BulkJobProblems.NotFound);
            var theirs = await stranger.GetFromJsonAsync<JsonElement>("/api/v1/bulk-jobs");
            Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetInt64() == job);
        }

        await Problem.AssertAsync(await health.GetAsync($"/api/v1/documents/{digest}"), HttpStatusCode.NotFound, ProblemTypes.DocumentNotFound);
        Assert.Equal((2, 0, 0, 0, "open", null), State(await civil.GetFromJsonAsync<JsonElement>($"/api/v1/bulk-jobs/{job}")));
        await Problem.AssertAsync(await civil.GetAsync("/api/v1/bulk-jobs/999999"), HttpStatusCode.NotFound, BulkJobProblems.NotFound);
    }

    [Fact]
    public async Task Clerk_RunsAJob_WithTheCsrfToken_WritesAuditLines_AndAnotherClerkCannotSeeIt()
    {
        var (alice, aliceToken) = await SignInAsync(ApiKeyScopes.Anchor);
        var (bob, _) = await SignInAsync(ApiKeyScopes.Anchor);
        var (reader, readerToken) = await SignInAsync(ApiKeyScopes.Records);

        using var withoutToken = await alice.Client.PostAsJsonAsync("/api/v1/bulk-jobs", new { kind = "csv", total = 1 });
        await Problem.AssertAsync(withoutToken, HttpStatusCode.Forbidden, ProblemTypes.CsrfTokenInvalid);
        await Problem.AssertAsync(await Send(reader.Client, readerToken, HttpMethod.Post, "/api/v1/bulk-jobs", new { kind = "csv", total = 1 }), HttpStatusCode.Forbidden, ProblemTypes.InsufficientScope);
        using var created = await Send(alice.Client, aliceToken, HttpMethod.Post, "/api/v1/bulk-jobs", new { kind = "csv", total = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var chunk = await Send(alice.Client, aliceToken, HttpMethod.Post, $"/api/v1/bulk-jobs/{job}/chunks", new { items = new[] { new { digest = TestDigests.New() } } });

        Assert.Equal(HttpStatusCode.OK, chunk.StatusCode);
        await Problem.AssertAsync(await bob.Client.GetAsync($"/api/v1/bulk-jobs/{job}"), HttpStatusCode.NotFound, BulkJobProblems.NotFound);
        var lines = DatabaseRows.Read(fixture.Host.DataDirectory, $"SELECT action, target FROM staff_audit WHERE name = '{alice.Name}' ORDER BY id").Select(l => l.TrimEnd()).ToList();
        Assert.Contains("CreateBulkJob", lines);
        Assert.Contains($"AddBulkJobChunk id={job}", lines);
    }

    private async Task<((string Name, HttpClient Client) Clerk, string Token)> SignInAsync(ApiKeyScopes scopes)
    {
        var name = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        Assert.NotNull(await StaffAccounts.OpenExisting(fixture.Host.Database).AddAsync(name, "CIVIL", new StaffRoles(scopes, false), Password, mustChangePassword: false));
        var client = fixture.Host.CreateClient();
        using var signIn = await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        return ((name, client), (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string token, HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-Token", token);
        return client.SendAsync(request);
    }

    private static async Task<long> CreateAsync(HttpClient client, string kind, int total, string? name = null)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/bulk-jobs", new { kind, total, name });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/bulk-jobs/{job.GetProperty("id").GetInt64()}", response.Headers.Location?.OriginalString);
        return job.GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> ChunkAsync(HttpClient client, long job, params object[] items)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/bulk-jobs/{job}/chunks", new { items });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] Outcomes(JsonElement chunk) => [.. chunk.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("outcome").GetString()!)];

    private static (int Total, int Received, int Accepted, int Failed, string? State, string? Name) State(JsonElement job)
        => (job.GetProperty("total").GetInt32(), job.GetProperty("received").GetInt32(), job.GetProperty("accepted").GetInt32(), job.GetProperty("failed").GetInt32(),
            job.GetProperty("state").GetString(), job.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null);

    private static string NewReference() => "bulk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
