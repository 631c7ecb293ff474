using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Nodes.Tests;

/// <summary>
/// "My data" across real nodes: a citizen in Chromium with a virtual authenticator registers a passkey on CIVIL's page,
/// consents to HEALTH's access, HEALTH's node obtains the record, the release shows in "My data" with its access log
/// checked on chain and on HEALTH's node, the citizen revokes the consent there, and HEALTH's next exchange is refused.
/// And a grantee node that shows fewer entries under a root than the chain counts is shown as withholding.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class MyDataTests(NodeCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
        SetDefaultExpectTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task Citizen_Registers_Consents_GranteeExchanges_ReleaseInMyData_RevokedThere_NextExchangeRefused()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["HEALTH"];
        var origin = NodeCitizens.Origin(holder);
        var record = await NodeExchanges.IssueRecordAsync(holder);
        var page = await VirtualAuthenticator.PageAsync(_browser);

        await page.GotoAsync($"{origin}/passkeys/register#{await NodeCitizens.CodeAsync(holder, record)}");
        await page.Locator("#register-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#register-status")).ToHaveAttributeAsync("data-state", "register.done");
        await page.GotoAsync($"{origin}/consent#{await NodeCitizens.ConsentRequestAsync(holder, record, grantee.Code)}");
        await page.Locator("#consent-action").ClickAsync();
        await Expect(page.Locator("#consent-status")).ToHaveAttributeAsync("data-state", "consent.granted");
        var grantId = (await page.Locator("#consent-status").GetAttributeAsync("data-grant-id"))!;

        var exchange = await NodeExchanges.WaitFinalAsync(cluster, grantee, (await NodeExchanges.RequestAsync(grantee, grantId)).Id, s_timeout);
        Assert.True(exchange.State == "verified", $"{exchange.State}: {exchange.Reason} {exchange.Detail}");

        await page.GotoAsync($"{origin}/my-data");
        await page.Locator("#mydata-signin").ClickAsync();
        await Expect(page.Locator("#mydata-status")).ToHaveAttributeAsync("data-state", "mydata.welcome");
        var release = page.Locator($".mydata-record[data-record-id='{record}'] .mydata-release[data-grant-id='{grantId}']");
        await Expect(release).ToHaveAttributeAsync("data-log", "in-root");
        await Expect(release).ToHaveAttributeAsync("data-witness", "complete");
        await Expect(release).ToContainTextAsync(grantee.Code);
        var grant = page.Locator($".mydata-grant[data-grant-id='{grantId}']");
        for (var i = 0; i < 30 && await grant.CountAsync() == 0; i++)
        {
            await page.ReloadAsync();
            await Task.Delay(500);
        }

        await grant.Locator(".mydata-revoke").ClickAsync();
        await Expect(page.Locator("#mydata-status")).ToHaveAttributeAsync("data-state", "mydata.revoked");
        await Expect(grant).ToHaveAttributeAsync("data-state", "revoked");

        using var staff = grantee.DepartmentClient();
        using var refused = await staff.PostAsJsonAsync("/api/v1/exchanges", new { grantId });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("https://ethgov.dev/problems/grant-revoked", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task MyData_GranteeNodeShowingFewerEntriesThanTheChainCounts_ShowsWithholding()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["HEALTH"];
        using var citizen = new TestPasskey();
        var record = await NodeExchanges.IssueRecordAsync(holder);
        var grantId = await NodeCitizens.BindAndConsentAsync(holder, record, citizen, grantee.Code);
        var exchange = await NodeExchanges.WaitFinalAsync(cluster, grantee, (await NodeExchanges.RequestAsync(grantee, grantId)).Id, s_timeout);
        Assert.True(exchange.State == "verified", $"{exchange.State}: {exchange.Reason} {exchange.Detail}");
        using var session = await NodeCitizens.SignedInAsync(holder, citizen);
        var honest = Assert.Single(await NodeCitizens.ReleasesAsync(session, record));
        Assert.Equal(("in-root", "complete"), (honest.GetProperty("log").GetString(), honest.GetProperty("witness").GetString()));
        var root = Digest.Parse(honest.GetProperty("logRoot").GetString()!);

        // HEALTH's node drops the last entry it shows under the root: the chain still counts them all.
        var kept = Entries(grantee, root);
        Entries(grantee, root, kept[..^32]);
        try
        {
            var withheld = Assert.Single(await NodeCitizens.ReleasesAsync(session, record));

            Assert.Equal(("in-root", "withholding"), (withheld.GetProperty("log").GetString(), withheld.GetProperty("witness").GetString()));
            Assert.Contains("the chain counts", withheld.GetProperty("witnessDetail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Entries(grantee, root, kept);
        }
    }

    // The entries column of the grantee's access-log batch with this root: read, or written when a value is given.
    private static byte[] Entries(ClusterNode node, Digest root, byte[]? value = null)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(node.Settings.DataDirectory, Database.FileName)};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$root", root.ToArray());
        if (value is null)
        {
            command.CommandText = "SELECT entries FROM access_log_batches WHERE root = $root";
            return (byte[])command.ExecuteScalar()!;
        }

        command.CommandText = "UPDATE access_log_batches SET entries = $entries WHERE root = $root";
        command.Parameters.AddWithValue("$entries", value);
        Assert.Equal(1, command.ExecuteNonQuery());
        return value;
    }
}
