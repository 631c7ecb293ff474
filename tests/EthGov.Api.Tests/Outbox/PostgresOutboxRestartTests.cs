using System.Net;
using System.Net.Http.Json;
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

    /// <summary>
    /// Large requests without labels share one COPY of the group's rows, which goes to the server 64 KiB at a time: two
    /// posted together (1,000 digests, more than one piece, and 40) are stored exactly, each row with its request's
    /// department, validity and acceptance time and the process's tag, in the order of its request, and all end anchored.
    /// </summary>
    [Fact]
    public async Task LargeRequestsTogether_AreCopiedRowForRow()
    {
        await using var host = await ApiHost.StartAsync(Chain, new Dictionary<string, string?>(Store));
        var client = host.ClientWithKey(await host.CreateKeyAsync("HEALTH"));
        var large = Enumerable.Range(0, 1_000).Select(_ => TestDigests.New()).ToArray();
        var small = Enumerable.Range(0, 40).Select(_ => TestDigests.New()).ToArray();

        var posted = await Task.WhenAll(
            client.PostAsJsonAsync("/api/v1/documents/batch", new { digests = large }),
            client.PostAsJsonAsync("/api/v1/documents/batch", new { digests = small, validUntil = UnlabelledValidUntil }));

        Assert.All(posted, p => Assert.Equal(HttpStatusCode.Accepted, p.StatusCode));
        using var connection = new NpgsqlConnection(_store.ConnectionString);
        connection.Open();
        Assert.Equal(large, Digests(connection, "valid_until = 0"));
        Assert.Equal(small, Digests(connection, $"valid_until = {UnlabelledValidUntil.ToUnixTimeSeconds()}"));
        Assert.Equal(1, Count(connection, "SELECT count(DISTINCT department) FROM documents"));
        Assert.Equal(1, Count(connection, "SELECT count(DISTINCT writer) FROM documents WHERE writer IS NOT NULL"));
        Assert.Equal(0, Count(connection, "SELECT count(*) FROM documents WHERE writer IS NULL OR accepted_at <= 0"));
        await host.WaitAnchoredAsync(large[^1]);
        await host.WaitAnchoredAsync(small[^1]);
    }

    private static string[] Digests(NpgsqlConnection connection, string where)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT '0x' || encode(digest, 'hex') FROM documents WHERE {where} ORDER BY id";
        using var reader = command.ExecuteReader();
        var digests = new List<string>();
        while (reader.Read())
        {
            digests.Add(reader.GetString(0));
        }

        return [.. digests];
    }

    private static long Count(NpgsqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
