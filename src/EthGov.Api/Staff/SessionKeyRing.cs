using System.Xml.Linq;
using EthGov.Application.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace EthGov.Api.Staff;

/// <summary>
/// The Data Protection key ring (the keys that seal clerks' session cookies, antiforgery tokens and the OpenID Connect
/// sign-in's correlation) in the node's store, table <c>session_keys</c>: every replica on one PostgreSQL database reads
/// the same ring, so a clerk signed in on one replica is signed in on all of them; on SQLite the ring stays with the
/// node's other state (and its backup). Elements are only ever added, as Data Protection asks: a key is never deleted,
/// a revocation is a new element.
/// </summary>
public sealed class SessionKeyRing(Database database, TimeProvider time) : IXmlRepository
{
    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT element FROM session_keys ORDER BY id";
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = database.Connect();
        using var transaction = database.Dialect.BeginWrite(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO session_keys (name, element, created_at) VALUES (@name, @element, @created)";
        command.Parameters.AddWithValue("@name", friendlyName ?? string.Empty);
        command.Parameters.AddWithValue("@element", element.ToString(SaveOptions.DisableFormatting));
        command.Parameters.AddWithValue("@created", time.GetUtcNow().ToUnixTimeSeconds());
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}
