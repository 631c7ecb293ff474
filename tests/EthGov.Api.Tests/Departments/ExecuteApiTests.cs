using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Departments;
using EthGov.Api.Tests.TestSupport;
using EthGov.Core.Verification;

namespace EthGov.Api.Tests.Departments;

/// <summary>
/// A proposal whose approvals reached the quorum only after the quorum fell (here a threshold change) is carried out
/// with POST .../execution. This class changes the threshold and suspends TRANSPORT, so it owns its chain.
/// </summary>
public sealed class ExecuteApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Execute_OnceTheQuorumFellToTheLiveApprovals_CarriesOutTheProposal()
    {
        var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var health = fixture.Host.ClientWithKey(fixture.HealthKey);
        var transport = fixture.Host.ClientWithKey(fixture.TransportKey);
        var three = await ProposeAsync(civil, new { kind = "change-threshold", threshold = 3 });
        await ApproveAsync(health, three);
        var suspension = await ProposeAsync(civil, new { kind = "suspend-department", department = "TRANSPORT" });
        await ApproveAsync(health, suspension);

        using var early = await civil.PostAsync($"/api/v1/departments/proposals/{suspension}/execution", null);
        var waiting = await ProposalAsync(suspension);
        var two = await ProposeAsync(civil, new { kind = "change-threshold", threshold = 2 });
        await ApproveAsync(health, two);
        await ApproveAsync(transport, two);
        var reached = await ProposalAsync(suspension);
        using var executed = await health.PostAsync($"/api/v1/departments/proposals/{suspension}/execution", null);

        await Problem.AssertAsync(early, HttpStatusCode.Conflict, "quorum-not-reached");
        Assert.Equal((2u, 3u, false), (waiting.LiveApprovals, waiting.Quorum, waiting.Executed));
        Assert.Equal((2u, 2u, false), (reached.LiveApprovals, reached.Quorum, reached.Executed));
        Assert.Equal(HttpStatusCode.OK, executed.StatusCode);
        Assert.True((await ProposalAsync(suspension)).Executed);
        var department = await fixture.Host.CreateClient().GetFromJsonAsync<DepartmentResponse>("/api/v1/departments/TRANSPORT", TestJson.Options);
        Assert.Equal(DepartmentStatus.Suspended, department!.Status);
        using var again = await civil.PostAsync($"/api/v1/departments/proposals/{suspension}/execution", null);
        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "proposal-already-executed");
    }

    [Fact]
    public async Task Execute_UnknownOrMalformedId_Returns404Or400()
    {
        var civil = fixture.Host.ClientWithKey(fixture.CivilKey);

        using var unknown = await civil.PostAsync("/api/v1/departments/proposals/99999/execution", null);
        using var malformed = await civil.PostAsync("/api/v1/departments/proposals/x1/execution", null);
        using var anonymous = await fixture.Host.CreateClient().PostAsync("/api/v1/departments/proposals/1/execution", null);

        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "proposal-not-found");
        await Problem.AssertAsync(malformed, HttpStatusCode.BadRequest, "invalid-request");
        await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static async Task<string> ProposeAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/departments/proposals", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProposalCreatedResponse>(TestJson.Options))!.ProposalId;
    }

    private static async Task ApproveAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync($"/api/v1/departments/proposals/{id}/approvals", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<ProposalResponse> ProposalAsync(string id)
        => (await fixture.Host.CreateClient().GetFromJsonAsync<ProposalResponse>($"/api/v1/departments/proposals/{id}", TestJson.Options))!;
}
