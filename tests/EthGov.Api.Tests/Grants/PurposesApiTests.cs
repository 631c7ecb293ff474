using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Core.Purposes;

namespace EthGov.Api.Tests.Grants;

/// <summary>The published purposes: served to anyone, the only codes a grant request may give, named in the timeline.</summary>
public sealed class PurposesApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Civil => fixture.Host.ClientWithKey(fixture.CivilKey);

    [Fact]
    public async Task List_WithoutAKey_ServesEveryPurposeWithItsNumberNameAndBothLanguages()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/api/v1/purposes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var served = list.RootElement.EnumerateArray().ToArray();
        Assert.Equal(GrantPurposes.All.Select(p => $"{p.Number} {p.Name}"),
            served.Select(p => $"{p.GetProperty("number").GetInt32()} {p.GetProperty("name").GetString()}"));
        var health = served.Single(p => p.GetProperty("number").GetInt32() == 2);
        Assert.Equal(("health-care", "Health care", "医疗服务"), (health.GetProperty("name").GetString(),
            health.GetProperty("title").GetProperty("en").GetString(), health.GetProperty("title").GetProperty("zh-CN").GetString()));
        Assert.All(served, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("description").GetProperty("zh-CN").GetString())));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(65535)]
    public async Task CreateGrant_UnlistedPurpose_Returns400UnknownPurpose_NamingTheList(int purpose)
    {
        var recordId = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = recordId })).EnsureSuccessStatusCode();

        using var response = await Civil.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId, granteeDepartment = "HEALTH", purpose, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = TestDigests.New(),
        });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "unknown-purpose");
        Assert.Equal("/api/v1/purposes", problem.GetProperty("purposes").GetString());
    }

    [Fact]
    public async Task CreateGrant_ListedPurpose_TheTimelineNamesIt()
    {
        var recordId = TestDigests.New();
        (await Civil.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = recordId })).EnsureSuccessStatusCode();

        using var response = await Civil.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId, granteeDepartment = "HEALTH", purpose = 4, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = TestDigests.New(),
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? purposeName = null;
        while (purposeName is null && DateTime.UtcNow < deadline)
        {
            using var timeline = JsonDocument.Parse(await fixture.Host.CreateClient().GetStringAsync($"/api/v1/audit/records/{recordId}"));
            purposeName = timeline.RootElement.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("event").GetString() == "AccessGranted")
                .Select(e => e.GetProperty("data").GetProperty("purposeName").GetString()).FirstOrDefault();
            await Task.Delay(purposeName is null ? 100 : 0);
        }

        Assert.Equal("tax", purposeName);
    }
}
