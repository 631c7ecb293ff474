using System.Data.Common;
using System.Runtime.CompilerServices;
using EthGov.Application.Storage;
using EthGov.Testing;

namespace EthGov.Application.Tests.Storage;

/// <summary>Group commit: writes handed in while a commit runs share the next one; a failing write fails alone; answers come after the commit.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethgov-group-commit-").FullName;
    private readonly Database _database;
    private readonly Lock _gate = new();
    private readonly DbConnection _connection;
    private readonly GroupCommit _writes;

    public GroupCommitTests()
    {
        _database = TestStore.Database(_folder);
        _database.EnsureCreated();
        _connection = _database.Connect();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL)";
        create.ExecuteNonQuery();
        _writes = new GroupCommit(() => _connection, _database.Dialect, ownsConnections: false, _gate);
    }

    public void Dispose()
    {
        _writes.Dispose();
        _connection.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task WritesHandedInWhileACommitWaits_ShareOneTransaction_AndAreOnDiskWhenAnswered()
    {
        List<Task<int>> writes;
        lock (_gate)
        {
            // The writer cannot commit while the gate is held: every write below queues behind at most one commit.
            writes = [.. Enumerable.Range(0, 100).Select(i => _writes.WriteAsync((connection, transaction) => Insert(connection, transaction, i)))];
        }

        var transactions = await Task.WhenAll(writes);

        Assert.InRange(transactions.Distinct().Count(), 1, 2);
        using var other = _database.Connect();
        using var count = other.CreateCommand();
        count.CommandText = "SELECT count(*) FROM items";
        Assert.Equal(100L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public async Task AWriteThatFails_FailsAlone_TheOthersOfItsCommitAreKept()
    {
        await _writes.WriteAsync((connection, transaction) => Insert(connection, transaction, 1));
        Task<int> duplicate, fresh;
        lock (_gate)
        {
            duplicate = _writes.WriteAsync((connection, transaction) => Insert(connection, transaction, 1));
            fresh = _writes.WriteAsync((connection, transaction) => Insert(connection, transaction, 2));
        }

        await Assert.ThrowsAnyAsync<DbException>(() => duplicate);
        await fresh;
        using var other = _database.Connect();
        using var ids = other.CreateCommand();
        ids.CommandText = "SELECT id FROM items ORDER BY id";
        using var reader = ids.ExecuteReader();
        var stored = new List<long>();
        while (reader.Read())
        {
            stored.Add(reader.GetInt64(0));
        }

        Assert.Equal([1L, 2L], stored);
    }

    // Inserts row id and answers which transaction it ran in.
    private static int Insert(DbConnection connection, DbTransaction transaction, int id)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO items (id, value) VALUES (@id, 'x')";
        insert.Parameters.AddWithValue("@id", id);
        insert.ExecuteNonQuery();
        return RuntimeHelpers.GetHashCode(transaction);
    }
}
