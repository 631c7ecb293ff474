using Npgsql;

namespace EthGov.LoadTest.Storage;

/// <summary>
/// Reads the replicas' PostgreSQL database from outside their processes: the lease, the batches and the server's
/// durability settings. Each read opens a connection of its own (no pool).
/// </summary>
internal sealed class StorageDatabase(string connectionString)
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    /// <summary>The lease row's holder (host/process id/run) and epoch; empty before any replica took it.</summary>
    public async Task<(string Holder, long Epoch)> LeaseAsync()
    {
        await using var connection = await OpenAsync();
        await using var select = new NpgsqlCommand("SELECT holder, epoch FROM replica_lease WHERE id = 1", connection);
        await using var reader = await select.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt64(1)) : ("", 0);
    }

    /// <summary>The process id in the lease's holder, null when no replica holds it.</summary>
    public async Task<int?> HolderPidAsync()
    {
        var parts = (await LeaseAsync()).Holder.Split('/');
        return parts.Length == 3 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>The highest id of any batch, 0 when there is none.</summary>
    public async Task<long> LastBatchAsync() => (long)(await ScalarAsync("SELECT coalesce(max(id), 0) FROM batches"))!;

    /// <summary>The first batch after <paramref name="afterId"/> in the confirmed state (1), with its root; null when none is yet.</summary>
    public async Task<(long Id, byte[] Root)?> ConfirmedAfterAsync(long afterId)
    {
        await using var connection = await OpenAsync();
        await using var select = new NpgsqlCommand("SELECT id, root FROM batches WHERE id > @id AND state = 1 ORDER BY id LIMIT 1", connection);
        select.Parameters.AddWithValue("id", afterId);
        await using var reader = await select.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), (byte[])reader[1]) : null;
    }

    /// <summary>Whether every batch is settled and the confirmed ones hold every outbox row (as the fault tests check).</summary>
    public async Task<(bool Settled, long Rows, long Confirmed)> SettledAsync()
    {
        long rows = (long)(await ScalarAsync("SELECT count(*) FROM documents"))!;
        long pending = (long)(await ScalarAsync("SELECT count(*) FROM batches WHERE state = 0"))!;
        // members is the packed digests of the batch: 32 bytes each.
        long confirmed = (long)(await ScalarAsync("SELECT coalesce(sum(length(members) / 32), 0)::bigint FROM batches WHERE state = 1"))!;
        return (pending == 0 && confirmed >= rows, rows, confirmed);
    }

    /// <summary>
    /// How many times autovacuum and autoanalyze have finished on the outbox's tables so far: the server vacuums and
    /// analyses a table every so many inserted rows, work that lands in whichever scenario is running when it is due.
    /// </summary>
    public async Task<long> MaintenanceRunsAsync() => (long)(await ScalarAsync(
        "SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::bigint FROM pg_stat_user_tables WHERE relname IN ('documents', 'batches')"))!;

    /// <summary>
    /// The server's write counters so far: checkpoints (timed and requested, the latter when the WAL since the last one
    /// outgrew max_wal_size), WAL bytes and full-page images, and buffers written by backends themselves rather than by
    /// the background writer or the checkpointer.
    /// </summary>
    public async Task<ServerWrites> WritesAsync()
    {
        await using var connection = await OpenAsync();
        await using var select = new NpgsqlCommand(
            "SELECT b.checkpoints_timed, b.checkpoints_req, b.buffers_backend, w.wal_bytes::bigint, w.wal_fpi FROM pg_stat_bgwriter b, pg_stat_wal w",
            connection);
        await using var reader = await select.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ServerWrites(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>
    /// VACUUM (ANALYZE) of the whole database in one server process (no parallel workers), as autovacuum does it in the
    /// background: the seconds it took and that process's CPU seconds. Run between scenarios, it leaves the next scenario
    /// no maintenance that the rows inserted before it made due.
    /// </summary>
    public async Task<(double Seconds, double CpuSeconds)> VacuumAsync()
    {
        await using var connection = await OpenAsync();
        int pid;
        await using (var backend = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
        {
            pid = (int)(await backend.ExecuteScalarAsync())!;
        }

        long before = Processes.ProcStat.CpuTicks(pid);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE, PARALLEL 0)", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
        return (Math.Round(clock.Elapsed.TotalSeconds, 2), Processes.ProcStat.Seconds(Processes.ProcStat.CpuTicks(pid) - before));
    }

    /// <summary>
    /// The server's settings that decide what a commit means (fsync, synchronous_commit, full_page_writes, wal_sync_method)
    /// and how it writes the WAL, and how many WAL segments it holds before the case: recycled ones cost a write, new ones two.
    /// </summary>
    public async Task<Dictionary<string, string>> DurabilityAsync()
    {
        var settings = new Dictionary<string, string>();
        foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers", "max_wal_size", "min_wal_size" })
        {
            settings[name] = (string)(await ScalarAsync($"SHOW {name}"))!;
        }

        settings[WalSegmentsAtStart] = ((long)(await ScalarAsync("SELECT count(*) FROM pg_ls_waldir()"))!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>The name under which <see cref="DurabilityAsync"/> gives the WAL segments held before the case.</summary>
    public const string WalSegmentsAtStart = "wal_segments_at_start";

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

/// <summary>The server's write counters (<see cref="StorageDatabase.WritesAsync"/>); subtracting two gives what happened between them.</summary>
internal sealed record ServerWrites(long CheckpointsTimed, long CheckpointsRequested, long BackendBuffers, long WalBytes, long WalFullPageImages)
{
    public static ServerWrites operator -(ServerWrites after, ServerWrites before) => new(
        after.CheckpointsTimed - before.CheckpointsTimed, after.CheckpointsRequested - before.CheckpointsRequested,
        after.BackendBuffers - before.BackendBuffers, after.WalBytes - before.WalBytes, after.WalFullPageImages - before.WalFullPageImages);
}
