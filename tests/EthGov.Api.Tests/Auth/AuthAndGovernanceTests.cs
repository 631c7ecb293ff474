using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Departments;
using EthGov.Api.Tests.TestSupport;
using EthGov.Testing;
using EthGov.Core.Verification;

namespace EthGov.Api.Tests.Auth;

/// <summary>The auth matrix and the governance endpoints; TRANSPORT ends suspended, so this class owns its chain.</summary>
public sealed class AuthAndGovernanceTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AnchorDigest_NoKey_Returns401Unauthorized()
    {
        using var response = await fixture.Host.CreateClient().PostAsJsonAsync("/api/v1/documents", new { digest = TestDigests.New() });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AnchorDigest_WrongKey_Returns401Unauthorized()
    {
        using var response = await fixture.Host.ClientWithKey("egk_not-a-real-key").PostAsJsonAsync("/api/v1/documents", new { digest = TestDigests.New() });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AnchorDigest_KeyOfDepartmentUnknownToRegistry_Returns403Forbidden()
    {
        var key = await fixture.Host.CreateKeyAsync("NOSUCH");

        using var response = await fixture.Host.ClientWithKey(key).PostAsJsonAsync("/api/v1/documents", new { digest = TestDigests.New() });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AuditDepartment_AnotherDepartmentsKey_Returns403Forbidden()
    {
        using var response = await fixture.Host.ClientWithKey(fixture.HealthKey).GetAsync("/api/v1/audit/departments/CIVIL");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [SqliteOnlyFact("reads the bytes of the SQLite file")]
    public async Task ApiKeys_StoredOnlyAsHashes()
    {
        var key = await fixture.Host.CreateKeyAsync("CIVIL");

        var database = await File.ReadAllBytesAsync(Path.Combine(fixture.Host.DataDirectory, "ethgov.db"));

        Assert.DoesNotContain(key, System.Text.Encoding.UTF8.GetString(database), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListDepartments_Anyone_ReturnsTheThreeWithSigners()
    {
        var departments = (await fixture.Host.CreateClient().GetFromJsonAsync<EthGov.Api.Paging.Page<DepartmentResponse>>("/api/v1/departments", TestJson.Options))!.Items;

        Assert.Equal(["CIVIL", "HEALTH", "TRANSPORT"], departments.Select(d => d.Code));
        Assert.All(departments, d => Assert.Single(d.Signers));
    }

    [Fact]
    public async Task GetDepartment_Unknown_Returns404DepartmentNotFound()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/api/v1/departments/NOSUCH");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "department-not-found");
    }

    [Fact]
    public async Task GetProposal_Unknown_Returns404ProposalNotFound()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/api/v1/departments/proposals/999");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "proposal-not-found");
    }

    [Fact]
    public async Task Propose_MissingFields_Returns400InvalidRequest()
    {
        using var response = await fixture.Host.ClientWithKey(fixture.CivilKey).PostAsJsonAsync("/api/v1/departments/proposals", new { kind = "add-department" });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task SuspendDepartment_AtQuorum_ItsKeyIsRefusedWith403DepartmentSuspended()
    {
        var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var health = fixture.Host.ClientWithKey(fixture.HealthKey);
        using var proposed = await civil.PostAsJsonAsync("/api/v1/departments/proposals", new { kind = "suspend-department", department = "TRANSPORT" });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var id = (await proposed.Content.ReadFromJsonAsync<ProposalCreatedResponse>(TestJson.Options))!.ProposalId;
        using var twice = await civil.PostAsync($"/api/v1/departments/proposals/{id}/approvals", null);
        await Problem.AssertAsync(twice, HttpStatusCode.Conflict, "already-approved");

        using var approved = await health.PostAsync($"/api/v1/departments/proposals/{id}/approvals", null);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var proposal = await civil.GetFromJsonAsync<ProposalResponse>($"/api/v1/departments/proposals/{id}", TestJson.Options);
        Assert.True(proposal!.Executed);
        var transport = await civil.GetFromJsonAsync<DepartmentResponse>("/api/v1/departments/TRANSPORT", TestJson.Options);
        Assert.Equal(DepartmentStatus.Suspended, transport!.Status);
        using var refused = await fixture.Host.ClientWithKey(fixture.TransportKey).PostAsJsonAsync("/api/v1/documents", new { digest = TestDigests.New() });
        await Problem.AssertAsync(refused, HttpStatusCode.Forbidden, "department-suspended");
    }
}
