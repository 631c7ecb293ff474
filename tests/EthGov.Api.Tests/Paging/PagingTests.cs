using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Departments;
using EthGov.Api.Indexing;
using EthGov.Api.Paging;
using EthGov.Api.Tests.TestSupport;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Api.Tests.Paging;

/// <summary>
/// Every list pages with a cursor: following <c>next</c> from the first page reaches every item once, however many
/// there are. The chain writes of these tests go straight to the registry (CIVIL's signer), not through the API.
/// </summary>
public sealed class PagingTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Anyone => fixture.Host.CreateClient();

    [Fact]
    public async Task ListProposals_MoreThanFiveHundred_FollowingNextReachesEveryOne()
    {
        var civil = fixture.Chain.ClientFor(1);
        for (int i = 0; i < 501; i++)
        {
            (await civil.Departments.ProposeThresholdAsync(2)).Unwrap();
        }

        await WaitIndexedAsync("ProposalCreated", 501);
        var ids = new List<string>();
        string? next = "/api/v1/departments/proposals?pageSize=100";
        int pages = 0;
        while (next is not null)
        {
            var page = await Anyone.GetFromJsonAsync<Page<ProposalResponse>>(next, TestJson.Options);
            ids.AddRange(page!.Items.Select(p => p.Id));
            next = page.Next;
            pages++;
        }

        Assert.Equal(501, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 501).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), ids);
        Assert.Equal(6, pages);
    }

    [Fact]
    public async Task ListDepartments_PageSizeOne_NextLinksLeadThroughAllThenEnd()
    {
        var first = await Anyone.GetFromJsonAsync<Page<DepartmentResponse>>("/api/v1/departments?pageSize=1", TestJson.Options);
        var second = await Anyone.GetFromJsonAsync<Page<DepartmentResponse>>(first!.Next, TestJson.Options);
        var third = await Anyone.GetFromJsonAsync<Page<DepartmentResponse>>(second!.Next, TestJson.Options);

        Assert.Equal(["CIVIL", "HEALTH", "TRANSPORT"], new[] { first, second, third }.Select(p => p!.Items.Single().Code));
        Assert.StartsWith("/api/v1/departments?pageSize=1&cursor=", first.Next, StringComparison.Ordinal);
        Assert.Null(third!.Next);
    }

    [Fact]
    public async Task ListGrantsAndAudit_ThreeGrantsPagedByTwo_SecondPageHoldsTheLastAndEnds()
    {
        var recordId = TestDigests.New();
        var civil = fixture.Chain.ClientFor(1);
        // Registry 2.0 grants only records that the grantor department anchored.
        (await civil.Documents.AnchorAsync(Digest.Parse(recordId))).Unwrap();
        for (int i = 0; i < 3; i++)
        {
            (await civil.Grants.GrantAsync(Digest.Parse(recordId), Digest.Zero, [], 2, (ushort)(i + 1), DateTimeOffset.UtcNow.AddDays(30), Digest.Parse(TestDigests.New()), GrantTerms.Default)).Unwrap();
        }

        await WaitAsync(async () => (await Anyone.GetFromJsonAsync<Page<IndexedGrant>>($"/api/v1/grants?recordId={recordId}", TestJson.Options))!.Items.Count == 3);

        var grants = await Anyone.GetFromJsonAsync<Page<IndexedGrant>>($"/api/v1/grants?recordId={recordId}&pageSize=2", TestJson.Options);
        var grantsRest = await Anyone.GetFromJsonAsync<Page<IndexedGrant>>(grants!.Next, TestJson.Options);
        var audit = await Anyone.GetFromJsonAsync<Page<IndexedEventRow>>($"/api/v1/audit/records/{recordId}?pageSize=2", TestJson.Options);
        var auditRest = await Anyone.GetFromJsonAsync<Page<IndexedEventRow>>(audit!.Next, TestJson.Options);

        Assert.Equal([1, 2, 3], grants.Items.Concat(grantsRest!.Items).Select(g => (int)g.Purpose));
        Assert.StartsWith($"/api/v1/grants?recordId={recordId}&pageSize=2&cursor=", grants.Next, StringComparison.Ordinal);
        Assert.Null(grantsRest.Next);
        // The record's timeline: its anchoring, then the three grants, two to a page.
        Assert.Equal(
            ["DocumentAnchored", "AccessGranted", "AccessGranted", "AccessGranted"],
            audit.Items.Concat(auditRest!.Items).Select(e => e.Event));
        Assert.Null(auditRest.Next);
    }

    [Theory]
    [InlineData("/api/v1/departments?cursor=bm90LWEtY3Vyc29y")]
    [InlineData("/api/v1/departments/proposals?cursor=%2F%2F")]
    [InlineData("/api/v1/grants?recordId=0x0000000000000000000000000000000000000000000000000000000000000001&cursor=ZGVwYXJ0bWVudHM6Mg")]
    [InlineData("/api/v1/audit/records/0x0000000000000000000000000000000000000000000000000000000000000001?cursor=ZXZlbnRzOjE")]
    public async Task List_CursorItDidNotHandOut_Returns400InvalidCursor(string path)
    {
        using var response = await Anyone.GetAsync(path);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-cursor");
    }

    [Theory]
    [InlineData("/api/v1/departments?pageSize=501")]
    [InlineData("/api/v1/departments/proposals?pageSize=101")]
    [InlineData("/api/v1/grants?recordId=0x0000000000000000000000000000000000000000000000000000000000000001&pageSize=0")]
    [InlineData("/api/v1/audit/records/0x0000000000000000000000000000000000000000000000000000000000000001?pageSize=501")]
    public async Task List_PageSizeOutOfRange_Returns400InvalidRequest(string path)
    {
        using var response = await Anyone.GetAsync(path);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task OpenApi_EveryListDocumentsCursorPageSizeAndNext()
    {
        var document = JsonSerializer.Deserialize<JsonElement>(await Anyone.GetStringAsync("/openapi/v1.json"));
        var operations = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value)
            .Where(o => o.TryGetProperty("operationId", out _)).ToDictionary(o => o.GetProperty("operationId").GetString()!);

        foreach (var name in new[] { "ListDepartments", "ListProposals", "ListGrants", "AuditRecord", "AuditDepartment" })
        {
            var parameters = operations[name].GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
            Assert.True(parameters["cursor"].TryGetProperty("description", out _), $"{name}: cursor has no description");
            Assert.True(parameters["pageSize"].TryGetProperty("description", out _), $"{name}: pageSize has no description");
            var schema = operations[name].GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            var reference = schema.GetProperty("$ref").GetString()!;
            var page = document.GetProperty("components").GetProperty("schemas").GetProperty(reference[(reference.LastIndexOf('/') + 1)..]);
            Assert.True(page.GetProperty("properties").TryGetProperty("next", out _), $"{name}: the answer has no next");
        }
    }

    private async Task WaitIndexedAsync(string eventName, int count)
    {
        var index = (IndexStore)fixture.Host.Services.GetService(typeof(IndexStore))!;
        await WaitAsync(() => Task.FromResult(index.ByName(eventName, null, count + 1).Count >= count));
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the index");
            await Task.Delay(200);
        }
    }
}
