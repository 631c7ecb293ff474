using EthGov.Application.Storage;
using EthGov.Testing;

namespace EthGov.Application.Tests.Storage;

public sealed class IssuedDocumentsTableTests
{
    [Fact]
    public void EnsureCreated_OnAnOutboxFromBeforeTheRegister_MakesItWithoutLines()
    {
        var database = TestStore.Database(Directory.CreateTempSubdirectory("ethgov-register-").FullName);
        database.EnsureCreated();
        using (var connection = database.Connect())
        {
            // An outbox written before the register existed: its rows, and no issued_documents table.
            Database.Execute(connection, "DROP TABLE issued_documents");
            foreach (var (department, acceptedAt) in new[] { (1L, 1L), (1L, 2L), (2L, 3L) })
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO documents (digest, department, valid_until, accepted_at) VALUES (@digest, @department, 0, @acceptedAt)";
                insert.Parameters.AddWithValue("@digest", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                insert.Parameters.AddWithValue("@department", department);
                insert.Parameters.AddWithValue("@acceptedAt", acceptedAt);
                insert.ExecuteNonQuery();
            }
        }

        database.EnsureCreated();
        database.EnsureCreated();

        using var check = database.Connect();
        using var command = check.CreateCommand();
        // Those documents had no labels, so no lines; the register reads every document with its lines, if any.
        command.CommandText = "SELECT (SELECT count(*) FROM issued_documents), (SELECT count(*) FROM documents d LEFT JOIN issued_documents i ON i.document_id = d.id)";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal((0L, 3L), (reader.GetInt64(0), reader.GetInt64(1)));
    }
}
