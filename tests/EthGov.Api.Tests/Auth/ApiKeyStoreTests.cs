using EthGov.Application.ApiKeys;
using EthGov.Application.Storage;
using Microsoft.Data.Sqlite;

namespace EthGov.Api.Tests.Auth;

/// <summary>The key table and the API's in-memory view of it, on a real SQLite file (no chain needed).</summary>
public sealed class ApiKeyStoreTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("ethgov-keys-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Find_AfterRevokeAndRefresh_ReturnsNull()
    {
        var (table, store) = Create();
        var (key, secret) = await table.CreateAsync("CIVIL", ApiKeyScopes.Anchor);
        Assert.NotNull(await store.FindAsync(secret));

        var (revoked, changed) = await table.RevokeAsync(key.Id);
        var reloaded = await store.RefreshAsync();

        Assert.True(changed);
        Assert.True(revoked!.Revoked);
        Assert.True(reloaded);
        Assert.Null(await store.FindAsync(secret));
    }

    [Fact]
    public async Task Rotate_OldSecretRefused_NewSecretKeepsIdDepartmentAndScopes()
    {
        var (table, store) = Create();
        var (key, oldSecret) = await table.CreateAsync("HEALTH", ApiKeyScopes.Anchor | ApiKeyScopes.Grants);
        Assert.NotNull(await store.FindAsync(oldSecret));

        var (rotated, newSecret) = await table.RotateAsync(key.Id);
        await store.RefreshAsync();

        Assert.NotNull(newSecret);
        Assert.NotEqual(oldSecret, newSecret);
        Assert.NotNull(rotated!.RotatedAt);
        Assert.Null(await store.FindAsync(oldSecret));
        var found = await store.FindAsync(newSecret!);
        Assert.Equal((key.Id, "HEALTH", ApiKeyScopes.Anchor | ApiKeyScopes.Grants), (found!.Id, found.Department, found.Scopes));
    }

    [Fact]
    public async Task Rotate_RevokedKey_GivesNoSecret()
    {
        var (table, _) = Create();
        var (key, _) = await table.CreateAsync("CIVIL", ApiKeyScopes.Anchor);
        await table.RevokeAsync(key.Id);

        var (found, secret) = await table.RotateAsync(key.Id);

        Assert.True(found!.Revoked);
        Assert.Null(secret);
    }

    [Fact]
    public async Task RevokeAndRotate_UnknownId_FindNoKey()
    {
        var (table, _) = Create();

        Assert.Null((await table.RevokeAsync(42)).Key);
        Assert.Null((await table.RotateAsync(42)).Key);
    }

    [Fact]
    public async Task Find_KeyCreatedAfterTheStoreLoaded_IsFoundWithoutWaitingForThePoll()
    {
        var (table, store) = Create();
        await store.RefreshAsync();

        var (key, secret) = await table.CreateAsync("TRANSPORT", ApiKeyScopes.Revoke);

        Assert.Equal(key.Id, (await store.FindAsync(secret))!.Id);
    }

    [Fact]
    public async Task Find_KeyCreatedDuringAFloodOfUnknownSecrets_IsFound_AndTheUnknownAreRefused()
    {
        // Unknown secrets share checks of the change counter; a check that began before the key existed must not
        // answer for a lookup that arrived after it was created.
        var (table, store) = Create();
        await store.RefreshAsync();
        using var stop = new CancellationTokenSource();
        var flood = Task.Run(async () =>
        {
            var refused = 0;
            while (!stop.IsCancellationRequested)
            {
                var batch = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => store.FindAsync(ApiKeySecret.New()).AsTask()));
                refused += batch.Count(k => k is null);
                Assert.All(batch, Assert.Null);
            }

            return refused;
        });
        await Task.Delay(120);

        var (key, secret) = await table.CreateAsync("CIVIL", ApiKeyScopes.Anchor);
        var found = await store.FindAsync(secret);
        await stop.CancelAsync();

        Assert.Equal(key.Id, found?.Id);
        Assert.True(await flood > 0);
    }

    [Fact]
    public async Task Refresh_NothingChanged_DoesNotReload_AndLastUsedWritesDoNotCountAsChanges()
    {
        var (table, store) = Create();
        var (_, secret) = await table.CreateAsync("CIVIL", ApiKeyScopes.Anchor);
        await store.FindAsync(secret);
        var version = await table.ReadVersionAsync();

        await store.WriteLastUsedAsync();

        Assert.Equal(version, await table.ReadVersionAsync());
        Assert.False(await store.RefreshAsync());
    }

    [Fact]
    public async Task WriteLastUsed_ThousandUsesOfOneKey_WriteOneRow_AndListShowsTheTime()
    {
        var (table, store) = Create();
        var (used, secret) = await table.CreateAsync("CIVIL", ApiKeyScopes.Anchor);
        var (unused, _) = await table.CreateAsync("CIVIL", ApiKeyScopes.Anchor);
        var before = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        for (int i = 0; i < 1_000; i++)
        {
            await store.FindAsync(secret);
        }

        var written = await store.WriteLastUsedAsync();
        var writtenAgain = await store.WriteLastUsedAsync();

        Assert.Equal(1, written);
        Assert.Equal(0, writtenAgain);
        var keys = (await table.ListAsync()).ToDictionary(k => k.Id);
        Assert.InRange(keys[used.Id].LastUsedAt!.Value, before, DateTimeOffset.UtcNow);
        Assert.Null(keys[unused.Id].LastUsedAt);
    }

    [Fact]
    public async Task WriteLastUsed_AfterRotation_KeepsTheKeysUse()
    {
        var (table, store) = Create();
        var (key, secret) = await table.CreateAsync("CIVIL", ApiKeyScopes.Anchor);
        await store.FindAsync(secret);

        await table.RotateAsync(key.Id);
        await store.RefreshAsync();
        await store.WriteLastUsedAsync();

        Assert.NotNull((await table.GetAsync(key.Id))!.LastUsedAt);
    }

    [Fact]
    public async Task Create_NoScope_IsRefused()
    {
        var (table, _) = Create();

        await Assert.ThrowsAsync<ArgumentException>(() => table.CreateAsync("CIVIL", ApiKeyScopes.None));
    }

    [Fact]
    public async Task EnsureCreated_DatabaseFromBeforeScopes_OldKeysKeepEveryScopeTheyHad()
    {
        var secret = ApiKeySecret.New();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, Database.FileName)}"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE api_keys (id INTEGER PRIMARY KEY, key_hash BLOB NOT NULL UNIQUE, department TEXT NOT NULL,
                                       created_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
                INSERT INTO api_keys (key_hash, department, created_at) VALUES ($hash, 'CIVIL', 1700000000);
                INSERT INTO api_keys (key_hash, department, created_at, revoked) VALUES (x'00', 'HEALTH', 1700000000, 1);
                """;
            create.Parameters.AddWithValue("$hash", ApiKeySecret.Hash(secret));
            create.ExecuteNonQuery();
        }

        var (table, store) = Create();

        // Every scope there was before scopes existed; the records and exchanges scopes came later, so they are not among them.
        const ApiKeyScopes Legacy = ApiKeyScopes.Anchor | ApiKeyScopes.Revoke | ApiKeyScopes.Grants | ApiKeyScopes.Governance;
        var keys = await table.ListAsync();
        Assert.Equal(Legacy, keys[0].Scopes);
        Assert.False(keys[0].Revoked);
        Assert.True(keys[1].Revoked);
        Assert.Equal(Legacy, (await store.FindAsync(secret))!.Scopes);
        await table.RevokeAsync(keys[0].Id);
        Assert.True(await store.RefreshAsync());
        Assert.Null(await store.FindAsync(secret));
    }

    private (ApiKeyTable Table, ApiKeyStore Store) Create()
    {
        var table = ApiKeyTable.Create(_dataDirectory);
        return (table, new ApiKeyStore(table));
    }
}
