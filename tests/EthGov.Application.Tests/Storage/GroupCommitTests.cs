using System.Runtime.CompilerServices;
using EthGov.Application.Storage;
using Microsoft.Data.Sqlite;

namespace EthGov.Application.Tests.Storage;

/// <summary>Group commit: writes handed in while a commit runs share the next one; a failing write fails alone; answers come after the commit.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethgov-group-commit-").FullName;
    private readonly Database _database;
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly GroupCommit _writes;

    public GroupCommitTests()
    {
        _database = new Database(_folder);
        _database.EnsureCreated();
        _connection = _database.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL)";
        create.ExecuteNonQuery();
        _writes = new GroupCommit(() => _connection, ownsConnections: false, _gate);
    }

    public void Dispose()
    {
        _writes.Dispose();
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
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
        using var other = _database.Open();
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

        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        await fresh;
        using var other = _database.Open();
        using var ids = other.CreateCommand();
        ids.CommandText = "SELECT group_concat(id) FROM (SELECT id FROM items ORDER BY id)";
        Assert.Equal("1,2", ids.ExecuteScalar());
    }

    // Inserts row id and answers which transaction it ran in.
    private static int Insert(SqliteConnection connection, SqliteTransaction transaction, int id)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO items (id, value) VALUES ($id, 'x')";
        insert.Parameters.AddWithValue("$id", id);
        insert.ExecuteNonQuery();
        return RuntimeHelpers.GetHashCode(transaction);
    }
}
