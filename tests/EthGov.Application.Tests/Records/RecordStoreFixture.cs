using EthGov.Application.Records;
using EthGov.Application.Storage;
using Microsoft.Data.Sqlite;
using EthGov.Testing;

namespace EthGov.Application.Tests.Records;

/// <summary>A record store over a fresh database in its own folder, with its own data key and clock.</summary>
internal sealed class RecordStoreFixture : IDisposable
{
    public RecordStoreFixture(RecordsOptions? options = null)
    {
        Folder = Directory.CreateTempSubdirectory("ethgov-records-").FullName;
        Database = TestStore.Database(Folder);
        Database.EnsureCreated();
        Key = NodeDataKey.Generate();
        Options = options ?? new RecordsOptions();
        Store = new RecordStore(Database, Key, Options, Time);
    }

    public string Folder { get; }

    public Database Database { get; }

    public NodeDataKey Key { get; }

    public RecordsOptions Options { get; }

    public ManualTime Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RecordStore Store { get; }

    /// <summary>Every value of a column of table records, as stored.</summary>
    public List<object?> Column(string column)
    {
        using var connection = Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM records ORDER BY id";
        using var reader = command.ExecuteReader();
        var values = new List<object?>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return values;
    }

    /// <summary>Runs one statement against the database directly.</summary>
    public void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Store.Dispose();
        Key.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
