using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;
using EthGov.Core.Verification;

namespace EthGov.Api.Tests.ChangeRequests;

/// <summary>
/// Four eyes (EthGov:Workspace:RevocationApprovals = 1): a revocation or supersession is a pending request until a
/// second clerk with the approver role approves it; and every way around that rule, tried and refused.
/// </summary>
public sealed class FourEyesTests(FourEyesFixture fixture) : IClassFixture<FourEyesFixture>
{
    private const string Password = "a long staff password";

    [Fact]
    public async Task Revocation_ByAClerk_WaitsAsARequest_UntilAnotherClerkApproves_ThenTheDocumentIsRevoked()
    {
        var digest = await AnchoredAsync();
        var asker = await SignInAsync(ApiKeyScopes.Revoke);
        var approver = await SignInAsync(ApiKeyScopes.None, approver: true);

        using var asked = await Send(asker, HttpMethod.Post, $"/api/v1/documents/{digest}/revocation", new { reason = "fraud", note = "letter of the court, case 17" });

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var request = await asked.Content.ReadFromJsonAsync<JsonElement>();
        var id = request.GetProperty("id").GetInt64();
        Assert.Equal("pending", request.GetProperty("state").GetString());
        Assert.Equal(4, request.GetProperty("reason").GetInt32());
        Assert.Equal("fraud", request.GetProperty("reasonName").GetString());
        Assert.Equal("letter of the court, case 17", request.GetProperty("note").GetString());
        Assert.Equal("staff " + asker.Name, request.GetProperty("requestedBy").GetString());
        Assert.Equal($"/api/v1/change-requests/{id}", asked.Headers.Location?.OriginalString);
        Assert.Equal(VerdictOutcome.Valid, await OutcomeAsync(digest));
        var pending = await approver.Client.GetFromJsonAsync<JsonElement>("/api/v1/change-requests?state=pending");
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);

        using var approved = await Send(approver, HttpMethod.Post, $"/api/v1/change-requests/{id}/approval", null);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var decided = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", decided.GetProperty("state").GetString());
        Assert.Equal("staff " + approver.Name, decided.GetProperty("decidedBy").GetString());
        Assert.StartsWith("0x", decided.GetProperty("transactionHash").GetString(), StringComparison.Ordinal);
        var verdict = await VerifyAsync(digest);
        Assert.Equal(VerdictOutcome.Revoked, verdict.Outcome);
        Assert.Equal((ushort?)4, verdict.Facts.RevocationReason);
        Assert.Contains($"{asker.Name} RevokeDocument digest={digest} note=letter of the court, case 17", AuditLines(asker.Name));
        Assert.Contains($"{asker.Name} RequestRevocation digest={digest}", AuditLines(asker.Name));
        Assert.Contains($"{approver.Name} ApproveChangeRequest id={id}", AuditLines(approver.Name));
    }

    [Fact]
    public async Task Approval_ByTheClerkWhoAsked_Is403OwnChangeRequest_EvenWithTheApproverRole()
    {
        var digest = await AnchoredAsync();
        var clerk = await SignInAsync(ApiKeyScopes.Revoke, approver: true);
        var id = await RequestRevocationAsync(clerk, digest);

        using var response = await Send(clerk, HttpMethod.Post, $"/api/v1/change-requests/{id}/approval", null);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, ProblemTypes.OwnChangeRequest);
        await AssertStillPendingAsync(id, digest);
    }

    [Fact]
    public async Task Approval_ByAClerkWithoutTheApproverRole_Is403ApproverRequired()
    {
        var digest = await AnchoredAsync();
        var id = await RequestRevocationAsync(await SignInAsync(ApiKeyScopes.Revoke), digest);
        var other = await SignInAsync(ApiKeyScopes.Anchor | ApiKeyScopes.Revoke);

        using var response = await Send(other, HttpMethod.Post, $"/api/v1/change-requests/{id}/approval", null);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, ProblemTypes.ApproverRequired);
        await AssertStillPendingAsync(id, digest);
    }

    [Fact]
    public async Task Approval_WithAnApiKey_Is403ApprovalNeedsClerk_AKeyIsNoSecondPerson()
    {
        var digest = await AnchoredAsync();
        var asker = await SignInAsync(ApiKeyScopes.Revoke);
        var id = await RequestRevocationAsync(asker, digest);
        using var key = fixture.Host.ClientWithKey(fixture.CivilKey);

        await Problem.AssertAsync(await key.PostAsync($"/api/v1/change-requests/{id}/approval", null), HttpStatusCode.Forbidden, ProblemTypes.ApprovalNeedsClerk);
        await Problem.AssertAsync(await key.PostAsync($"/api/v1/change-requests/{id}/refusal", null), HttpStatusCode.Forbidden, ProblemTypes.ApprovalNeedsClerk);

        await AssertStillPendingAsync(id, digest);
    }

    [Fact]
    public async Task Revocation_WithAnApiKeyWithScopeRevoke_IsARequestToo_TheKeyCannotBypassFourEyes()
    {
        var digest = await AnchoredAsync();
        using var key = fixture.Host.ClientWithKey(fixture.CivilKey);

        using var response = await key.PostAsJsonAsync($"/api/v1/documents/{digest}/revocation", new { reason = "withdrawn" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("key ", request.GetProperty("requestedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal(VerdictOutcome.Valid, await OutcomeAsync(digest));
        var approver = await SignInAsync(ApiKeyScopes.None, approver: true);
        Assert.Equal(HttpStatusCode.OK, (await Send(approver, HttpMethod.Post, $"/api/v1/change-requests/{request.GetProperty("id").GetInt64()}/approval", null)).StatusCode);
        Assert.Equal(VerdictOutcome.Revoked, await OutcomeAsync(digest));
    }

    [Fact]
    public async Task Approval_WithoutTheCsrfToken_Is403CsrfTokenInvalid_AndNothingIsSent()
    {
        var digest = await AnchoredAsync();
        var id = await RequestRevocationAsync(await SignInAsync(ApiKeyScopes.Revoke), digest);
        var approver = await SignInAsync(ApiKeyScopes.None, approver: true);

        using var response = await approver.Client.PostAsync($"/api/v1/change-requests/{id}/approval", null);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, ProblemTypes.CsrfTokenInvalid);
        await AssertStillPendingAsync(id, digest);
    }

    [Fact]
    public async Task Approval_ByTwoApproversAtOnce_DecidesOnce_TheOtherIs409ChangeRequestDecided()
    {
        var digest = await AnchoredAsync();
        var id = await RequestRevocationAsync(await SignInAsync(ApiKeyScopes.Revoke), digest);
        var first = await SignInAsync(ApiKeyScopes.None, approver: true);
        var second = await SignInAsync(ApiKeyScopes.None, approver: true);

        var answers = await Task.WhenAll(
            Send(first, HttpMethod.Post, $"/api/v1/change-requests/{id}/approval", null),
            Send(second, HttpMethod.Post, $"/api/v1/change-requests/{id}/approval", null));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        await Problem.AssertAsync(Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK), HttpStatusCode.Conflict, ProblemTypes.ChangeRequestDecided);
        await Problem.AssertAsync(await Send(first, HttpMethod.Post, $"/api/v1/change-requests/{id}/approval", null), HttpStatusCode.Conflict, ProblemTypes.ChangeRequestDecided);
        await Problem.AssertAsync(await Send(second, HttpMethod.Post, $"/api/v1/change-requests/{id}/refusal", null), HttpStatusCode.Conflict, ProblemTypes.ChangeRequestDecided);
        Assert.Equal(VerdictOutcome.Revoked, await OutcomeAsync(digest));
    }

    [Fact]
    public async Task Store_DecidesARequestOnce_TheSecondDecisionChangesNothing()
    {
        var digest = await AnchoredAsync();
        var id = await RequestRevocationAsync(await SignInAsync(ApiKeyScopes.Revoke), digest);
        var store = new EthGov.Api.ChangeRequests.ChangeRequestStore(fixture.Host.Database);

        var first = store.TryDecide(id, "refused", "staff first", DateTimeOffset.UtcNow);
        var second = store.TryDecide(id, "approving", "staff second", DateTimeOffset.UtcNow);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(("refused", "staff first"), (store.Get(id)!.State, store.Get(id)!.DecidedBy));
    }

    [Fact]
    public async Task Approval_OfAnotherDepartmentsRequest_Is404ChangeRequestNotFound()
    {
        var digest = await AnchoredAsync();
        var asker = await SignInAsync(ApiKeyScopes.Revoke);
        var id = await RequestRevocationAsync(asker, digest);
        var health = await SignInAsync(ApiKeyScopes.Revoke, approver: true, department: "HEALTH");

        await Problem.AssertAsync(await Send(health, HttpMethod.Post, $"/api/v1/change-requests/{id}/approval", null), HttpStatusCode.NotFound, ProblemTypes.ChangeRequestNotFound);
        await Problem.AssertAsync(await Send(health, HttpMethod.Post, $"/api/v1/change-requests/{id}/refusal", null), HttpStatusCode.NotFound, ProblemTypes.ChangeRequestNotFound);
        await Problem.AssertAsync(await health.Client.GetAsync($"/api/v1/change-requests/{id}"), HttpStatusCode.NotFound, ProblemTypes.ChangeRequestNotFound);
        var listed = await health.Client.GetFromJsonAsync<JsonElement>("/api/v1/change-requests");
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);

        await AssertStillPendingAsync(id, digest);
    }

    [Fact]
    public async Task Approval_AfterTheDocumentWasRevokedMeanwhile_Is409AlreadyRevoked_AndTheRequestFailed()
    {
        var digest = await AnchoredAsync();
        var asker = await SignInAsync(ApiKeyScopes.Revoke);
        var approver = await SignInAsync(ApiKeyScopes.None, approver: true);
        var first = await RequestRevocationAsync(asker, digest);
        await Problem.AssertAsync(await Send(asker, HttpMethod.Post, $"/api/v1/documents/{digest}/revocation", new { reason = 1 }), HttpStatusCode.Conflict, ProblemTypes.ChangeRequestOpen);
        Assert.Equal(HttpStatusCode.OK, (await Send(approver, HttpMethod.Post, $"/api/v1/change-requests/{first}/approval", null)).StatusCode);
        var second = await RequestRevocationAsync(asker, digest);

        using var response = await Send(approver, HttpMethod.Post, $"/api/v1/change-requests/{second}/approval", null);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "already-revoked");
        var request = await approver.Client.GetFromJsonAsync<JsonElement>($"/api/v1/change-requests/{second}");
        Assert.Equal("failed", request.GetProperty("state").GetString());
        Assert.Contains("already revoked", request.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal((ushort?)4, (await VerifyAsync(digest)).Facts.RevocationReason);

        // The request keeps the registry's error as a code: a Chinese clerk reads it in Chinese.
        using var inChinese = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/change-requests/{second}");
        inChinese.Headers.TryAddWithoutValidation("Accept-Language", "zh-CN");
        using var answered = await approver.Client.SendAsync(inChinese);
        var chinese = await answered.Content.ReadFromJsonAsync<JsonElement>();
        EnglishSentences.AssertChinese(chinese.GetProperty("error").GetString(), "文件已被撤销（登记合约答复 AlreadyRevoked(");
    }

    [Fact]
    public async Task Refusal_ByAnApprover_SendsNothing_AndTheRefusalIsAudited()
    {
        var digest = await AnchoredAsync();
        var asker = await SignInAsync(ApiKeyScopes.Revoke);
        var approver = await SignInAsync(ApiKeyScopes.None, approver: true);
        var id = await RequestRevocationAsync(asker, digest);

        using var refused = await Send(approver, HttpMethod.Post, $"/api/v1/change-requests/{id}/refusal", null);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("refused", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await Problem.AssertAsync(await Send(approver, HttpMethod.Post, $"/api/v1/change-requests/{id}/approval", null), HttpStatusCode.Conflict, ProblemTypes.ChangeRequestDecided);
        Assert.Equal(VerdictOutcome.Valid, await OutcomeAsync(digest));
        Assert.Contains($"{approver.Name} RefuseChangeRequest id={id}", AuditLines(approver.Name));
    }

    [Fact]
    public async Task Supersession_ByAClerk_WaitsAsARequest_ApprovedItAnchorsTheNewDocument()
    {
        var digest = await AnchoredAsync();
        var newDigest = TestDigests.New();
        var asker = await SignInAsync(ApiKeyScopes.Anchor | ApiKeyScopes.Revoke);
        var approver = await SignInAsync(ApiKeyScopes.None, approver: true);

        using var asked = await Send(asker, HttpMethod.Post, $"/api/v1/documents/{digest}/supersession", new { newDigest });

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var request = await asked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("supersession", request.GetProperty("kind").GetString());
        Assert.Equal(newDigest, request.GetProperty("newDigest").GetString());
        Assert.Equal(VerdictOutcome.Unknown, await OutcomeAsync(newDigest));
        Assert.Equal(HttpStatusCode.OK, (await Send(approver, HttpMethod.Post, $"/api/v1/change-requests/{request.GetProperty("id").GetInt64()}/approval", null)).StatusCode);
        Assert.Equal(VerdictOutcome.Superseded, await OutcomeAsync(digest));
        Assert.Equal(VerdictOutcome.Valid, await OutcomeAsync(newDigest));
    }

    [Theory]
    [InlineData("two\nlines")]
    [InlineData(null)]
    public async Task Revocation_WithANoteTooLongOrWithALineBreak_Is400InvalidRequest_AndNoRequestIsStored(string? note)
    {
        var digest = await AnchoredAsync();
        var asker = await SignInAsync(ApiKeyScopes.Revoke);

        using var response = await Send(asker, HttpMethod.Post, $"/api/v1/documents/{digest}/revocation", new { reason = "withdrawn", note = note ?? new string('x', 201) });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        var listed = await asker.Client.GetFromJsonAsync<JsonElement>("/api/v1/change-requests");
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), r => r.GetProperty("digest").GetString() == digest);
    }

    [Fact]
    public async Task ChangeRequests_UnknownState_Is400_AndNoCaller_Is401()
    {
        var clerk = await SignInAsync(ApiKeyScopes.None, approver: true);

        await Problem.AssertAsync(await clerk.Client.GetAsync("/api/v1/change-requests?state=maybe"), HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        using var anonymous = fixture.Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/change-requests/1/approval", null)).StatusCode);
    }

    [Fact]
    public async Task Start_WithRevocationApprovalsNeither0Nor1_IsRefused()
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var host = await ApiHost.StartAsync(fixture.Chain, new Dictionary<string, string?> { ["EthGov:Workspace:RevocationApprovals"] = "2" });
        });

        Assert.NotNull(failure);
        Assert.Contains("EthGov:Workspace:RevocationApprovals must be 0", failure.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> AnchoredAsync()
    {
        var digest = TestDigests.New();
        using var key = fixture.Host.ClientWithKey(fixture.CivilKey);
        Assert.Equal(HttpStatusCode.Accepted, (await key.PostAsJsonAsync("/api/v1/documents", new { digest })).StatusCode);
        await fixture.Host.WaitAnchoredAsync(digest);
        return digest;
    }

    private static async Task<long> RequestRevocationAsync(Clerk clerk, string digest)
    {
        using var response = await Send(clerk, HttpMethod.Post, $"/api/v1/documents/{digest}/revocation", new { reason = "fraud" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private async Task AssertStillPendingAsync(long id, string digest)
    {
        using var key = fixture.Host.ClientWithKey(fixture.CivilKey);
        var request = await key.GetFromJsonAsync<JsonElement>($"/api/v1/change-requests/{id}");
        Assert.Equal("pending", request.GetProperty("state").GetString());
        Assert.Equal(VerdictOutcome.Valid, await OutcomeAsync(digest));
    }

    private async Task<VerdictOutcome> OutcomeAsync(string digest) => (await VerifyAsync(digest)).Outcome;

    private async Task<VerifyResponse> VerifyAsync(string digest)
    {
        using var client = fixture.Host.CreateClient();
        return (await client.GetFromJsonAsync<VerifyResponse>($"/api/v1/verify/{digest}", TestJson.Options))!;
    }

    private async Task<Clerk> SignInAsync(ApiKeyScopes scopes, bool approver = false, string department = "CIVIL")
    {
        var name = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        Assert.NotNull(await StaffAccounts.OpenExisting(fixture.Host.Database).AddAsync(name, department, new StaffRoles(scopes, approver), Password, mustChangePassword: false));
        var client = fixture.Host.CreateClient();
        using var signIn = await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        return new Clerk(name, client, (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!);
    }

    private static Task<HttpResponseMessage> Send(Clerk clerk, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-Token", clerk.Token);
        return clerk.Client.SendAsync(request);
    }

    private List<string> AuditLines(string name)
        => DatabaseRows.Read(fixture.Host.DataDirectory, $"SELECT name, action, target FROM staff_audit WHERE name = '{name}' ORDER BY id")
            .Select(l => l.TrimEnd()).ToList();

    private sealed record Clerk(string Name, HttpClient Client, string Token);
}
