using EthGov.Application.Storage;
using EthGov.Testing;

namespace EthGov.Application.Tests.Storage;

public sealed class IssuedDocumentsBackfillTests
{
    [Fact]
    public void EnsureCreated_OnAnOutboxFromBeforeTheRegister_EntersEveryRowOnce()
    {
        var database = TestStore.Database(Directory.CreateTempSubdirectory("ethgov-register-").FullName);
        database.EnsureCreated();
        using (var connection = database.Connect())
        {
            // An outbox written before the register existed: its rows, and no issued_documents table.
            Database.Execute(connection, """
                DROP TABLE issued_documents;
                INSERT INTO documents (digest, department, valid_until, accepted_at) VALUES (randomblob(32), 1, 0, 1), (randomblob(32), 1, 0, 2), (randomblob(32), 2, 0, 3);
                """);
        }

        database.EnsureCreated();
        database.EnsureCreated();

        using var check = database.Connect();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM issued_documents), (SELECT count(*) FROM documents d JOIN issued_documents i ON i.document_id = d.id)";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal((3L, 3L), (reader.GetInt64(0), reader.GetInt64(1)));
    }
}
