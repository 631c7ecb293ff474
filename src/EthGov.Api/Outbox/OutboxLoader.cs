using EthGov.Api.Storage;
using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// Rebuilds the outbox's memory from SQLite before the API takes requests: every digest (for idempotency),
/// every batch, and the documents no batch carries yet, which go back to the batcher. This is how
/// acknowledged work survives a restart.
/// </summary>
public sealed class OutboxLoader(Database database, DocumentIndex index, BatchStore batches, PendingDocuments pending, OutboxWriter writer, ILogger<OutboxLoader> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        database.EnsureCreated();
        long lastId = 0;
        using (var connection = database.Open())
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT id, digest, department, valid_until, accepted_at FROM documents ORDER BY id";
            using var reader = select.ExecuteReader();
            var buffer = new byte[Digest.Size];
            while (reader.Read())
            {
                reader.GetBytes(1, 0, buffer, 0, Digest.Size);
                var entry = new DocumentEntry(new Digest(buffer), (uint)reader.GetInt64(2), (ulong)reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
                {
                    Committed = Task.CompletedTask,
                    Id = reader.GetInt64(0),
                };
                index.TryReserve(entry, out _);
                lastId = entry.Id;
            }
        }

        writer.StartAfter(lastId);
        foreach (var batch in batches.Load())
        {
            foreach (var member in batch.Members)
            {
                if (index.TryGet(member, out var entry))
                {
                    entry.BatchId = batch.Id;
                    if (batch.State != BatchState.Pending)
                    {
                        entry.Settle();
                    }
                }
            }
        }

        var waiting = index.Entries().Where(e => e.BatchId == 0).OrderBy(e => e.Id).ToList();
        pending.Add(waiting);
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
