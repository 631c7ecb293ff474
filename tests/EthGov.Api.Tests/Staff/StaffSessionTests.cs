using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;
using EthGov.Application.Storage;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EthGov.Api.Tests.Staff;

/// <summary>
/// Clerks' sessions against the real API: sign-in and out, the cookie's attributes, lockout, roles as scopes through
/// the same check as API keys, the antiforgery token on unsafe requests, and the audit line written before each action.
/// </summary>
public sealed class StaffSessionTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Password = "a long staff password";

    [Fact]
    public async Task SignIn_RightPassword_SetsAStrictHttpOnlySessionCookie_AndGetSaysWhoWithWhichRoles()
    {
        var name = await AddAsync(ApiKeyScopes.Anchor | ApiKeyScopes.Revoke, approver: true);
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ethgov-staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        var session = await client.GetFromJsonAsync<JsonElement>("/api/v1/session");
        Assert.Equal(name, session.GetProperty("name").GetString());
        Assert.Equal("CIVIL", session.GetProperty("department").GetString());
        Assert.Equal(["anchor", "revoke", "approver"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("X-CSRF-Token", session.GetProperty("csrfHeader").GetString());
        Assert.False(string.IsNullOrEmpty(session.GetProperty("csrfToken").GetString()));
    }

    [Fact]
    public async Task SignIn_OverHttps_TheCookieIsSecure_AndHostPrefixed()
    {
        var name = await AddAsync(ApiKeyScopes.Anchor);
        using var client = fixture.Host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var response = await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.Contains("ethgov-staff=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-ethgov-staff=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/session")).StatusCode);
    }

    [Theory]
    [InlineData(false, "not the password")]
    [InlineData(true, Password)]
    public async Task SignIn_WrongPasswordOrUnknownName_Is401SignInFailed_AndSetsNoSession(bool unknownName, string password)
    {
        var name = await AddAsync(ApiKeyScopes.Anchor);
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/session", new { name = unknownName ? name + "x" : name, password });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, ProblemTypes.SignInFailed);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        await Problem.AssertAsync(await client.GetAsync("/api/v1/session"), HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task SignIn_AfterFiveFailures_TheRightPasswordIsRefusedToo()
    {
        var name = await AddAsync(ApiKeyScopes.Anchor);
        using var client = fixture.Host.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await Problem.AssertAsync(await client.PostAsJsonAsync("/api/v1/session", new { name, password = "guess " + i + " of five" }), HttpStatusCode.Unauthorized, ProblemTypes.SignInFailed);
        }

        using var response = await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, ProblemTypes.SignInFailed);
        Assert.NotNull((await Accounts().FindAsync(name))!.LockedUntil);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_AndACopyOfTheCookieStopsWorking()
    {
        var name = await AddAsync(ApiKeyScopes.Anchor);
        using var client = fixture.Host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var signIn = await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password });
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = await TokenOf(signIn);
        client.DefaultRequestHeaders.Add("Cookie", cookies);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/session")).StatusCode);

        using var signOut = await Send(client, HttpMethod.Delete, "/api/v1/session", token, null);

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        await Problem.AssertAsync(await client.GetAsync("/api/v1/session"), HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains($"{name} SignOut", AuditLines(name));
    }

    [Fact]
    public async Task Anchor_ClerkWithRoleAnchor_AndTheToken_IsAccepted_AfterItsAuditLine()
    {
        var (client, token, name) = await SignInAsync(ApiKeyScopes.Anchor);
        var digest = TestDigests.New();

        using var response = await Send(client, HttpMethod.Post, "/api/v1/documents", token, new { digest });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains($"{name} AnchorDocument digest={digest}", AuditLines(name));
    }

    [Fact]
    public async Task Revoke_ClerkWithoutRoleRevoke_Is403InsufficientScope_NamingTheClerk()
    {
        var (client, token, name) = await SignInAsync(ApiKeyScopes.Anchor | ApiKeyScopes.Records, approver: true);

        using var response = await Send(client, HttpMethod.Post, $"/api/v1/documents/{TestDigests.New()}/revocation", token, new { reason = "withdrawn" });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden, ProblemTypes.InsufficientScope);
        Assert.Contains("staff " + name, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AuditLines(name), l => l.Contains("RevokeDocument", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UploadWithKeep_ClerkWithoutRoleRecords_Is403InsufficientScope()
    {
        var (client, token, _) = await SignInAsync(ApiKeyScopes.Anchor);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(RandomNumberGenerator.GetBytes(64)), "file", "certificate.pdf" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents/upload?keep=true") { Content = form };
        request.Headers.Add("X-CSRF-Token", token);

        using var response = await client.SendAsync(request);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, ProblemTypes.InsufficientScope);
    }

    [Fact]
    public async Task Roles_ChangedWhileSignedIn_ApplyAtTheNextRequest()
    {
        var (client, token, name) = await SignInAsync(ApiKeyScopes.Anchor);
        var digest = TestDigests.New();
        await Problem.AssertAsync(await Send(client, HttpMethod.Post, "/api/v1/records", token, new { kind = "x", data = new { } }), HttpStatusCode.Forbidden, ProblemTypes.InsufficientScope);

        await Accounts().SetRolesAsync(name, StaffRoles.None);

        await Problem.AssertAsync(await Send(client, HttpMethod.Post, "/api/v1/documents", token, new { digest }), HttpStatusCode.Forbidden, ProblemTypes.InsufficientScope);
    }

    [Fact]
    public async Task UnsafeRequest_WithoutTheToken_Is403CsrfTokenInvalid_AndNothingIsAnchored()
    {
        var (client, _, _) = await SignInAsync(ApiKeyScopes.Anchor);
        var (_, otherToken, _) = await SignInAsync(ApiKeyScopes.Anchor);
        var digest = TestDigests.New();

        await Problem.AssertAsync(await Send(client, HttpMethod.Post, "/api/v1/documents", null, new { digest }), HttpStatusCode.Forbidden, ProblemTypes.CsrfTokenInvalid);
        await Problem.AssertAsync(await Send(client, HttpMethod.Post, "/api/v1/documents", "forged", new { digest }), HttpStatusCode.Forbidden, ProblemTypes.CsrfTokenInvalid);
        await Problem.AssertAsync(await Send(client, HttpMethod.Post, "/api/v1/documents", otherToken, new { digest }), HttpStatusCode.Forbidden, ProblemTypes.CsrfTokenInvalid);
        await Problem.AssertAsync(await Send(client, HttpMethod.Delete, "/api/v1/session", null, null), HttpStatusCode.Forbidden, ProblemTypes.CsrfTokenInvalid);

        await Problem.AssertAsync(await client.GetAsync($"/api/v1/documents/{digest}"), HttpStatusCode.NotFound, ProblemTypes.DocumentNotFound);
    }

    [Fact]
    public async Task ApiKeyRequest_FromAClientWithASessionCookie_NeedsNoToken_AndActsAsTheKey()
    {
        var (client, _, _) = await SignInAsync(ApiKeyScopes.Records);
        client.DefaultRequestHeaders.Add("X-Api-Key", fixture.CivilKey);

        using var response = await client.PostAsJsonAsync("/api/v1/documents", new { digest = TestDigests.New() });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Action_WhenTheAuditCannotBeWritten_Is503_AndNothingIsDone()
    {
        var (client, token, _) = await SignInAsync(ApiKeyScopes.Anchor);
        var digest = TestDigests.New();
        Execute("ALTER TABLE staff_audit RENAME TO staff_audit_away");
        try
        {
            await Problem.AssertAsync(await Send(client, HttpMethod.Post, "/api/v1/documents", token, new { digest }), HttpStatusCode.ServiceUnavailable, ProblemTypes.StaffAuditUnavailable);
        }
        finally
        {
            Execute("ALTER TABLE staff_audit_away RENAME TO staff_audit");
        }

        await Problem.AssertAsync(await client.GetAsync($"/api/v1/documents/{digest}"), HttpStatusCode.NotFound, ProblemTypes.DocumentNotFound);
    }

    [Fact]
    public async Task OneTimePassword_AllowsNothingButTheSession_UntilChanged_ThenTheOldOneIsDead()
    {
        var name = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        await Accounts().AddAsync(name, "CIVIL", new StaffRoles(ApiKeyScopes.Anchor, false), Password, mustChangePassword: true);
        using var client = fixture.Host.CreateClient();
        var token = await TokenOf(await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password }));
        await Problem.AssertAsync(await Send(client, HttpMethod.Post, "/api/v1/documents", token, new { digest = TestDigests.New() }), HttpStatusCode.Forbidden, ProblemTypes.PasswordChangeRequired);
        await Problem.AssertAsync(await Send(client, HttpMethod.Post, "/api/v1/session/password", token, new { currentPassword = Password, newPassword = "short" }), HttpStatusCode.BadRequest, ProblemTypes.PasswordRejected);

        using var changed = await Send(client, HttpMethod.Post, "/api/v1/session/password", token, new { currentPassword = Password, newPassword = "another long password" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var newToken = await TokenOf(changed);
        Assert.Equal(HttpStatusCode.Accepted, (await Send(client, HttpMethod.Post, "/api/v1/documents", newToken, new { digest = TestDigests.New() })).StatusCode);
        using var fresh = fixture.Host.CreateClient();
        await Problem.AssertAsync(await fresh.PostAsJsonAsync("/api/v1/session", new { name, password = Password }), HttpStatusCode.Unauthorized, ProblemTypes.SignInFailed);
    }

    [Fact]
    public async Task Clerk_ListsAndAnchorsForTheirOwnDepartmentOnly()
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        var digest = TestDigests.New();
        Assert.Equal(HttpStatusCode.Accepted, (await civil.PostAsJsonAsync("/api/v1/documents", new { digest })).StatusCode);
        var name = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        await Accounts().AddAsync(name, "HEALTH", new StaffRoles(ApiKeyScopes.Anchor, false), Password, mustChangePassword: false);
        using var client = fixture.Host.CreateClient();
        var token = await TokenOf(await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password }));

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents?q={digest}");

        Assert.Empty(list.GetProperty("items").EnumerateArray());
        await Problem.AssertAsync(await Send(client, HttpMethod.Post, "/api/v1/documents", token, new { digest }), HttpStatusCode.Conflict, ProblemTypes.AnchoredByAnotherDepartment);
    }

    [Fact]
    public async Task Session_EndsAtItsAbsoluteTimeout_HoweverBusy()
    {
        var chain = new EthGov.Testing.DevChain();
        await chain.InitializeAsync();
        try
        {
            await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?> { ["EthGov:Staff:AbsoluteTimeout"] = "00:00:03" });
            var name = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
            await StaffAccounts.OpenExisting(host.Database).AddAsync(name, "CIVIL", new StaffRoles(ApiKeyScopes.Anchor, false), Password, mustChangePassword: false);
            using var client = host.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password })).StatusCode);

            var busyUntil = DateTime.UtcNow.AddSeconds(4);
            var lastOk = DateTime.MinValue;
            while (DateTime.UtcNow < busyUntil && (await client.GetAsync("/api/v1/session")).StatusCode == HttpStatusCode.OK)
            {
                lastOk = DateTime.UtcNow;
                await Task.Delay(250);
            }

            await Problem.AssertAsync(await client.GetAsync("/api/v1/session"), HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
            Assert.NotEqual(DateTime.MinValue, lastOk);
        }
        finally
        {
            await chain.DisposeAsync();
        }
    }

    [Fact]
    public async Task DisabledAccount_ItsSessionEndsAtTheNextRequest()
    {
        var (client, _, name) = await SignInAsync(ApiKeyScopes.Anchor);

        await Accounts().DisableAsync(name);

        await Problem.AssertAsync(await client.GetAsync("/api/v1/session"), HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    private StaffAccounts Accounts() => StaffAccounts.OpenExisting(fixture.Host.Database);

    private async Task<string> AddAsync(ApiKeyScopes scopes, bool approver = false)
    {
        var name = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        Assert.NotNull(await Accounts().AddAsync(name, "CIVIL", new StaffRoles(scopes, approver), Password, mustChangePassword: false));
        return name;
    }

    private async Task<(HttpClient Client, string Token, string Name)> SignInAsync(ApiKeyScopes scopes, bool approver = false)
    {
        var name = await AddAsync(scopes, approver);
        var client = fixture.Host.CreateClient();
        return (client, await TokenOf(await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password })), name);
    }

    private static async Task<string> TokenOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string? token, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Add("X-CSRF-Token", token);
        }

        return client.SendAsync(request);
    }

    private List<string> AuditLines(string name)
        => DatabaseRows.Read(fixture.Host.DataDirectory, $"SELECT name, action, target FROM staff_audit WHERE name = '{name}' ORDER BY id")
            .Select(l => l.TrimEnd()).ToList();

    private void Execute(string sql)
    {
        using var connection = fixture.Host.Database.Connect();
        Database.Execute(connection, sql);
    }
}
