using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Chain.Deployments;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Testing;
using Microsoft.Playwright;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>
/// One Hardhat chain with the registry, one API process on it, and one headless Debian Chromium, shared by the page
/// tests (each test anchors its own documents and opens its own browser context). A subclass may change the API's
/// settings (<see cref="Configure"/>) for the classes of its own collection.
/// </summary>
public class PageFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private string _dataDirectory = null!;

    /// <summary>The chain.</summary>
    public DevChain Chain { get; } = new();

    /// <summary>The API.</summary>
    public ApiProcess Api { get; private set; } = null!;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The dev account the API signs for CIVIL with: a second key of CIVIL, added before the API starts.</summary>
    public const int ApiCivilDevAccount = 7;

    /// <summary>An API key of CIVIL (department 1; the API signs with dev:7, the tests with dev:1).</summary>
    public string CivilKey { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        _dataDirectory = Directory.CreateTempSubdirectory("ethgov-page-test-").FullName;
        var deploymentFile = Path.Combine(_dataDirectory, "deployment.json");
        await DeploymentFile.SaveAsync(Chain.Deployment, deploymentFile);
        var settings = new ApiSettings(Chain.Node.RpcUrl, deploymentFile, _dataDirectory).Serving("CIVIL");

        // The tests anchor and revoke through their own client, outside the API process, and open the page right after:
        // the API must read the chain anew for every answer instead of sharing a read of up to Chain:MaxReadAge ago.
        settings.Settings["Chain:MaxReadAge"] = "00:00:00";

        // The tests' client signs with CIVIL's first key (dev:1); the API sends with a second one of its own, or its
        // sender would stop, seeing another process send with its key.
        await Chain.AddKeyAsync(signerDevAccount: 1, newDevAccount: ApiCivilDevAccount);
        settings.Settings["EthGov:Signers:CIVIL"] = $"dev:{ApiCivilDevAccount}";
        CivilKey = await settings.CreateKeyAsync("CIVIL");
        Configure(settings);
        Api = await ApiProcess.StartAsync(settings);

        // The whole solution's tests share two cores with the chain, the API and the browser: allow for a slow moment.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    /// <summary>Changes the API's settings before it starts; the shared fixture changes none.</summary>
    protected virtual void Configure(ApiSettings settings)
    {
    }

    /// <summary>
    /// A clerk of CIVIL with <paramref name="scopes"/> as roles, and <c>approver</c> when <paramref name="approver"/>, and
    /// <paramref name="password"/> (no one-time password); returns the new name.
    /// </summary>
    public async Task<string> CreateClerkAsync(string password, EthGov.Application.ApiKeys.ApiKeyScopes scopes, bool approver = false)
    {
        var name = "clerk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        await EthGov.Application.Staff.StaffAccounts.OpenExisting(new EthGov.Application.Storage.Database(_dataDirectory))
            .AddAsync(name, "CIVIL", new EthGov.Application.Staff.StaffRoles(scopes, approver), password, mustChangePassword: false);
        return name;
    }

    /// <summary>A page in a fresh context (no storage shared with other tests) whose browser prefers <paramref name="locale"/>.</summary>
    public Task<IPage> NewPageAsync(string locale = "en-US", int width = 1280, int height = 900)
        => HeadlessChromium.NewPageAsync(Browser, locale, width, height);

    /// <summary>
    /// Anchors <paramref name="digests"/> as CIVIL through the API, in one request so that they share one batch (one
    /// digest is anchored on its own), and waits for the chain: unlike anchoring with a chain client, the API then holds
    /// their records, and with them their receipts and QR codes.
    /// </summary>
    public async Task AnchorThroughApiAsync(params Digest[] digests)
    {
        using var client = Api.Client(CivilKey);
        using var response = await client.PostAsJsonAsync("/api/v1/documents/batch", new { digests = digests.Select(d => d.ToString()) });
        Assert.True(response.IsSuccessStatusCode, $"anchoring answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var digest in new[] { digests[0], digests[^1] })
        {
            while (true)
            {
                using var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/documents/{digest}"));
                var state = status.RootElement.GetProperty("status").GetString();
                if (state == "anchored")
                {
                    break;
                }

                Assert.True(state != "failed" && DateTime.UtcNow < deadline, $"{digest} is {state}");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The receipt the API issued for <paramref name="digest"/>.</summary>
    public async Task<Receipt> ReceiptAsync(Digest digest)
    {
        using var client = Api.Client();
        var parsed = ReceiptReader.Parse(await client.GetStringAsync($"/api/v1/documents/{digest}/receipt"));
        return parsed.Receipt ?? throw new InvalidOperationException(string.Join("; ", parsed.Errors));
    }

    /// <summary>Bytes of a new document nobody has anchored.</summary>
    public static byte[] NewDocument(string kind) =>
        System.Text.Encoding.UTF8.GetBytes($"%PDF-1.7\n{kind} no. {Guid.NewGuid()}\nissued {DateTimeOffset.UtcNow:O}\n%%EOF\n");

    /// <summary>The document's digest as decision 1 (docs/decisions.md) defines it.</summary>
    public static Digest DigestOf(byte[] document) => new(SHA256.HashData(document));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        await Chain.DisposeAsync();
        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

/// <summary>The page tests share one chain, API and browser, and so run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PageCollection : ICollectionFixture<PageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "page";
}
