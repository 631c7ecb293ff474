using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Staff;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EthGov.Api.Tests.Storage;

/// <summary>
/// A node on PostgreSQL keeps all of its state there: after it anchored, admitted an API key, signed a clerk in, kept a
/// record and journaled an exchange on both sides, the data directory holds no SQLite table (or no SQLite file at all).
/// </summary>
public sealed class PostgresNodeTablesTests(DevChain chain) : IClassFixture<DevChain>
{
    private const string Password = "correct horse battery staple 7";

    [Fact]
    public async Task NodeOnPostgres_AfterAnchoringKeysStaffRecordsAndJournals_LeavesNoTableInTheSqliteFile()
    {
        var store = PostgresServer.Shared.CreateDatabase();
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?>
        {
            ["EthGov:Storage:Provider"] = store.Provider,
            ["EthGov:Storage:ConnectionString"] = store.ConnectionString,
        });
        using var civil = host.ClientWithKey(await host.CreateKeyAsync("CIVIL"));

        var digest = TestDigests.New();
        using (var anchored = await civil.PostAsJsonAsync("/api/v1/documents", new { digest }))
        {
            Assert.Equal(HttpStatusCode.Accepted, anchored.StatusCode);
        }

        await host.WaitAnchoredAsync(digest);

        var bytes = Encoding.UTF8.GetBytes($"%PDF kept on PostgreSQL {Guid.NewGuid():N}");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        using (var form = new MultipartFormDataContent { { file, "file", "kept.pdf" }, { new StringContent("licence"), "kind" } })
        using (var kept = await civil.PostAsync("/api/v1/documents/upload?keep=true", form))
        {
            Assert.Equal(HttpStatusCode.Accepted, kept.StatusCode);
        }

        Assert.NotNull(await StaffAccounts.OpenExisting(host.Database).AddAsync("pgclerk", "CIVIL", new StaffRoles(ApiKeyScopes.Anchor, false), Password, mustChangePassword: false));
        using var session = host.CreateClient();
        using (var signedIn = await session.PostAsJsonAsync("/api/v1/session", new { name = "pgclerk", password = Password }))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        await host.Services.GetRequiredService<ExchangeStore>().CreateAsync(
            new NewExchange(2, BigInteger.One, Random(), 1, Random(), Random(), Store: false, RetentionDays: 0));
        var release = new JournaledRelease(Random(), Random(), BigInteger.One, Random(), 1, 2, null, Random(), 5, Random(), "text/plain", [1], [2], DateTimeOffset.UtcNow, null);
        Assert.Equal(JournalAppendOutcome.Appended, (await host.Services.GetRequiredService<ReleaseJournal>().AppendAsync(release, maxFetches: 1)).Outcome);

        Assert.Empty(SqliteFile.Tables(host.DataDirectory));
        Assert.Equal(1, Count(store, "SELECT count(*) FROM api_keys WHERE department = 'CIVIL' AND revoked = 0"));
        Assert.Equal(2, Count(store, "SELECT count(*) FROM documents"));
        Assert.True(Count(store, "SELECT count(*) FROM batches WHERE state = 1") >= 1);
        Assert.Equal(1, Count(store, "SELECT count(*) FROM records WHERE content IS NOT NULL"));
        Assert.Equal(1, Count(store, "SELECT count(*) FROM staff_accounts WHERE last_sign_in_at IS NOT NULL"));
        Assert.Equal(1, Count(store, "SELECT count(*) FROM exchanges"));
        Assert.Equal(1, Count(store, "SELECT count(*) FROM releases"));
        Assert.Equal(1, Count(store, "SELECT fetches FROM release_fetches"));
    }

    private static Digest Random() => new(RandomNumberGenerator.GetBytes(Digest.Size));

    private static long Count(StorageOptions store, string sql)
    {
        using var connection = new NpgsqlConnection(store.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
