using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// Rebuilds the outbox's memory from SQLite before the API takes requests: every digest (for idempotency),
/// every batch, and the documents no batch carries yet, which go back to the batcher. This is how
/// acknowledged work survives a restart.
/// </summary>
public sealed class OutboxLoader(Database database, DocumentIndex index, BatchStore batches, PendingDocuments pending, ILogger<OutboxLoader> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        database.EnsureCreated();
        using (var connection = database.Connect())
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT digest, department, valid_until, accepted_at FROM documents ORDER BY id";
            using var reader = select.ExecuteReader();
            var buffer = new byte[Digest.Size];
            while (reader.Read())
            {
                reader.GetBytes(0, 0, buffer, 0, Digest.Size);
                index.AddCommitted(new Digest(buffer), (uint)reader.GetInt64(1), (ulong)reader.GetInt64(2), reader.GetInt64(3));
            }
        }

        foreach (var batch in batches.Load())
        {
            index.AssignMembers(batch, missing: null);
        }

        var waiting = index.Unbatched();
        pending.Add(waiting.ToArray());
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("outbox loaded: {Documents} documents, {Waiting} waiting for a batch, {Unsettled} batches not yet confirmed",
                index.Count, waiting.Count, batches.Unsettled().Count());
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
