using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;

namespace EthGov.Api.Tests.Auth;

/// <summary>
/// Every state-changing route against every kind of caller: no key, a key with each single scope, and keys holding
/// several. A key lacking the route's scopes gets 403 insufficient-scope before the handler runs; a key holding them
/// gets past authorization (an empty body then fails validation or the chain refuses an unknown id: nothing changes).
/// The OpenAPI document must name the same scopes for the same routes, so a new write route cannot miss the matrix.
/// </summary>
public sealed class ScopeMatrixTests(ScopeMatrixTests.Keys keys) : IClassFixture<ScopeMatrixTests.Keys>
{
    private const string Digest = "0x5c0fe5c0fe5c0fe5c0fe5c0fe5c0fe5c0fe5c0fe5c0fe5c0fe5c0fe5c0fe5c0f";

    /// <summary>The guarded routes (OpenAPI path templates) and the scopes each needs.</summary>
    private static readonly (string Path, ApiKeyScopes Scopes)[] s_routes =
    [
        ("/api/v1/documents", ApiKeyScopes.Anchor),
        ("/api/v1/documents/batch", ApiKeyScopes.Anchor),
        ("/api/v1/documents/upload", ApiKeyScopes.Anchor),
        ("/api/v1/documents/{digest}/revocation", ApiKeyScopes.Revoke),
        ("/api/v1/documents/{digest}/supersession", ApiKeyScopes.Revoke | ApiKeyScopes.Anchor),
        ("/api/v1/grants", ApiKeyScopes.Grants),
        ("/api/v1/grants/kinds", ApiKeyScopes.Grants),
        ("/api/v1/grants/{id}/revocation", ApiKeyScopes.Grants),
        ("/api/v1/grants/{id}/accesses", ApiKeyScopes.Grants),
        ("/api/v1/departments/proposals", ApiKeyScopes.Governance),
        ("/api/v1/departments/proposals/{id}/approvals", ApiKeyScopes.Governance),
        ("/api/v1/departments/proposals/{id}/execution", ApiKeyScopes.Governance),
        ("/api/v1/departments/signer-changes", ApiKeyScopes.Governance),
        ("/api/v1/departments/signer-changes/{id}/application", ApiKeyScopes.Governance),
        ("/api/v1/departments/signer-changes/{id}/cancellation", ApiKeyScopes.Governance),
        ("/api/v1/departments/compromise-reports", ApiKeyScopes.Governance),
        ("/api/v1/exchanges", ApiKeyScopes.Exchanges),
        ("/api/v1/records", ApiKeyScopes.Records | ApiKeyScopes.Anchor),
        ("/api/v1/records/{digest}/content", ApiKeyScopes.Records),
        ("/api/v1/records/{digest}/passkey-codes", ApiKeyScopes.Records),
        ("/api/v1/records/{digest}/passkey", ApiKeyScopes.Records),
        ("/api/v1/consent-requests", ApiKeyScopes.Grants),
        ("/api/v1/bulk-jobs", ApiKeyScopes.Anchor),
        ("/api/v1/bulk-jobs/{id}/chunks", ApiKeyScopes.Anchor),
        ("/api/v1/bulk-jobs/{id}", ApiKeyScopes.Anchor),
        ("/api/v1/grant-requests", ApiKeyScopes.Exchanges),
        ("/api/v1/grant-requests/{id}/approval", ApiKeyScopes.Grants),
        ("/api/v1/grant-requests/{id}/refusal", ApiKeyScopes.Grants),
    ];

    /// <summary>The callers: each single scope (operator, which only reads /metrics, among them), two pairs and every scope.</summary>
    private static readonly ApiKeyScopes[] s_callers =
    [
        ApiKeyScopes.Anchor,
        ApiKeyScopes.Revoke,
        ApiKeyScopes.Grants,
        ApiKeyScopes.Governance,
        ApiKeyScopes.Exchanges,
        ApiKeyScopes.Records,
        ApiKeyScopes.Operator,
        ApiKeyScopes.Anchor | ApiKeyScopes.Revoke,
        ApiKeyScopes.Grants | ApiKeyScopes.Governance,
        ApiKeyScopeNames.All,
    ];

    public static TheoryData<string, ApiKeyScopes, ApiKeyScopes> Matrix()
    {
        var data = new TheoryData<string, ApiKeyScopes, ApiKeyScopes>();
        foreach (var (path, needed) in s_routes)
        {
            foreach (var caller in s_callers)
            {
                data.Add(path, needed, caller);
            }
        }

        return data;
    }

    public static TheoryData<string> Routes() => [.. s_routes.Select(r => r.Path)];

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Route_KeyWithScopes_PassesOnlyWhenItHoldsEveryScopeTheRouteNeeds(string path, ApiKeyScopes needed, ApiKeyScopes held)
    {
        using var response = await keys.Fixture.Host.ClientWithKey(await keys.ForAsync(held)).SendAsync(Request(path));

        if ((held & needed) == needed)
        {
            // CIVIL is active and has a signer here, so nothing else refuses the caller either.
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{(int)response.StatusCode}: {body}");
        }
        else
        {
            var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "insufficient-scope");
            Assert.Equal(ApiKeyScopeNames.Names(needed), problem.GetProperty("requiredScopes").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(ApiKeyScopeNames.Names(held), problem.GetProperty("keyScopes").EnumerateArray().Select(s => s.GetString()));
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_NoKey_Returns401Unauthorized(string path)
    {
        using var response = await keys.Fixture.Host.CreateClient().SendAsync(Request(path));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task InsufficientScope_DetailSaysWhichScopeToAskFor()
    {
        using var response = await keys.Fixture.Host.ClientWithKey(await keys.ForAsync(ApiKeyScopes.Anchor))
            .PostAsJsonAsync($"/api/v1/documents/{Digest}/revocation", new { reason = 1 });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "insufficient-scope");
        Assert.Contains("--scope revoke", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_EveryWriteOperation_NamesTheScopesItNeeds_AsTheMatrixDoes()
    {
        using var document = JsonDocument.Parse(await keys.Fixture.Host.CreateClient().GetStringAsync("/openapi/v1.json"));

        var documented = new Dictionary<string, string[]>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "get"))
            {
                // Verification is open to anyone, node routes take the calling node's RFC 9421 signature instead of
                // a key, and the staff session's routes are how a clerk signs in, out and changes their own password
                // (StaffSessionTests), and a citizen's passkey routes take a one-time code or a consent link's token and the
                // passkey's own answer (PasskeyRegistrationTests, ConsentByPasskeyTests), as do a citizen's sign-in and My data
                // (CitizenSignInTests, MyDataTests: the citizen's session, never a scope); everything else that changes state
                // needs a key or a clerk with scopes.
                if (path.Name.StartsWith("/api/v1/verify", StringComparison.Ordinal) || path.Name.StartsWith("/api/v1/node/", StringComparison.Ordinal)
                    || path.Name.StartsWith("/api/v1/session", StringComparison.Ordinal) || path.Name.StartsWith("/api/v1/passkeys/", StringComparison.Ordinal)
                    || path.Name.StartsWith("/api/v1/consent-requests/{token}/", StringComparison.Ordinal)
                    || path.Name.StartsWith("/api/v1/citizen/", StringComparison.Ordinal) || path.Name.StartsWith("/api/v1/my-data/", StringComparison.Ordinal))
                {
                    Assert.False(operation.Value.TryGetProperty("security", out _), $"{path.Name} is open to anyone");
                    continue;
                }

                // Approving and refusing a change request take a clerk with the approver role, which no key scope gives
                // (FourEyesTests): signed-in callers only, and the document says which.
                if (path.Name.StartsWith("/api/v1/change-requests", StringComparison.Ordinal))
                {
                    Assert.Empty(Assert.Single(operation.Value.GetProperty("security").EnumerateArray()).GetProperty("ApiKey").EnumerateArray());
                    Assert.Contains("approval-needs-clerk", operation.Value.GetProperty("description").GetString(), StringComparison.Ordinal);
                    continue;
                }

                var requirement = Assert.Single(operation.Value.GetProperty("security").EnumerateArray());
                documented[$"{operation.Name} {path.Name.TrimEnd('/')}"] =
                    [.. requirement.GetProperty("ApiKey").EnumerateArray().Select(s => s.GetString()!)];
                Assert.Contains("insufficient-scope", operation.Value.GetProperty("description").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(
            s_routes.Select(r => $"{MethodOf(r.Path).Method.ToLowerInvariant()} {r.Path}").Order(StringComparer.Ordinal),
            documented.Keys.Order(StringComparer.Ordinal));
        Assert.All(s_routes, r => Assert.Equal(ApiKeyScopeNames.Names(r.Scopes), documented[$"{MethodOf(r.Path).Method.ToLowerInvariant()} {r.Path}"]));
    }

    // Erasing a record's content, revoking its passkey binding and abandoning a bulk job are the guarded routes that are not POSTs.
    private static HttpMethod MethodOf(string path)
        => path.EndsWith("/content", StringComparison.Ordinal) || path.EndsWith("/passkey", StringComparison.Ordinal) || path == "/api/v1/bulk-jobs/{id}"
            ? HttpMethod.Delete : HttpMethod.Post;

    private static HttpRequestMessage Request(string path) => new(MethodOf(path), Concrete(path))
    {
        Content = MethodOf(path) == HttpMethod.Post ? EmptyBody(path) : null,
    };

    // The upload route is chosen by content type (415 otherwise); its form has no "file" part, so nothing is anchored.
    private static HttpContent EmptyBody(string path) => path.EndsWith("/upload", StringComparison.Ordinal)
        ? new MultipartFormDataContent { { new StringContent("nothing"), "note" } }
        : JsonContent.Create(new { });

    private static string Concrete(string path) => path.Replace("{digest}", Digest, StringComparison.Ordinal).Replace("{id}", "999", StringComparison.Ordinal);

    /// <summary>One chain and API for the matrix, with a CIVIL key per scope combination.</summary>
    public sealed class Keys : IAsyncLifetime
    {
        private readonly Dictionary<ApiKeyScopes, string> _keys = [];

        /// <summary>The chain and API.</summary>
        public ApiFixture Fixture { get; } = new();

        /// <summary>A CIVIL key holding exactly <paramref name="scopes"/>.</summary>
        public async Task<string> ForAsync(ApiKeyScopes scopes)
        {
            if (!_keys.TryGetValue(scopes, out var key))
            {
                key = _keys[scopes] = await Fixture.Host.CreateKeyAsync("CIVIL", scopes);
            }

            return key;
        }

        /// <inheritdoc />
        public Task InitializeAsync() => Fixture.InitializeAsync();

        /// <inheritdoc />
        public Task DisposeAsync() => Fixture.DisposeAsync();
    }
}
