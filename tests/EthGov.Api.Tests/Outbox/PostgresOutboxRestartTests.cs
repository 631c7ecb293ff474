using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Storage;
using EthGov.Testing;
using Npgsql;

namespace EthGov.Api.Tests.Outbox;

/// <summary>The outbox across a restart with <c>EthGov:Storage:Provider=postgres</c>, on a database of its own.</summary>
public sealed class PostgresOutboxRestartTests(DevChain chain) : OutboxRestartTests(chain)
{
    private readonly StorageOptions _store = PostgresServer.Shared.CreateDatabase();

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string?> Store => new Dictionary<string, string?>
    {
        ["EthGov:Storage:Provider"] = "postgres",
        ["EthGov:Storage:ConnectionString"] = _store.ConnectionString,
    };

    /// <summary>
    /// The rows are in PostgreSQL, each document once with its department and validity (the request of 40 without labels
    /// went in by COPY), the labelled ones with their register line, every batch confirmed, and none of them in
    /// the data directory's SQLite file (a node that quietly kept writing there would pass the restart and fail here).
    /// </summary>
    protected override void AssertStored(string dataDirectory, IReadOnlyList<string> digests)
    {
        using var connection = new NpgsqlConnection(_store.ConnectionString);
        connection.Open();
        Assert.Equal(digests.Count, Count(connection, "SELECT count(*) FROM documents"));
        Assert.Equal(digests.Count, Count(connection, "SELECT count(DISTINCT encode(digest, 'hex')) FROM documents"));
        Assert.Equal(LabelledDocuments, Count(connection, "SELECT count(*) FROM issued_documents i JOIN documents d ON d.id = i.document_id"));
        Assert.Equal(UnlabelledInOneRequest, Count(connection, $"SELECT count(*) FROM documents WHERE valid_until = {UnlabelledValidUntil.ToUnixTimeSeconds()}"));
        Assert.Equal(1, Count(connection, "SELECT count(DISTINCT department) FROM documents"));
        Assert.True(Count(connection, "SELECT count(*) FROM batches") > 0);
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM batches WHERE state <> 1"));
        Assert.Empty(SqliteFile.Tables(dataDirectory));
    }

    private static long Count(NpgsqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
