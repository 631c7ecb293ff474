namespace EthGov.LoadTest.Storage;

/// <summary>
/// PostgreSQL's maintenance around the scenarios on it. The server vacuums and analyses a table every so many inserted
/// rows, and that work lands in whichever scenario runs when it comes due. So after each scenario, once its nodes have
/// settled, the database is vacuumed and analysed (<see cref="StorageDatabase.VacuumAsync"/>), which leaves the next one
/// nothing due from the rows before it; that VACUUM's time and CPU are recorded with the scenario whose rows it
/// processed, and so are the autovacuum and autoanalyze runs that still finished during it.
/// </summary>
internal sealed class ScenarioMaintenance(StorageDatabase database)
{
    private readonly Dictionary<string, MaintenanceRecord> _records = [];

    /// <summary>What each scenario's maintenance was, by scenario name.</summary>
    public IReadOnlyDictionary<string, MaintenanceRecord> Records => _records;

    /// <summary>Vacuums before the first scenario: the rows of the warm-up are not the first scenario's.</summary>
    public Task PrepareAsync() => database.VacuumAsync();

    /// <summary>Runs <paramref name="scenario"/>, lets its nodes settle with <paramref name="settle"/>, then vacuums.</summary>
    public async Task<T> MeasureAsync<T>(Func<Task<T>> scenario, Func<T, StorageAnchorResult> load, Func<Task> settle)
    {
        long before = await database.MaintenanceRunsAsync();
        var writesBefore = await database.WritesAsync();
        var result = await scenario();
        var writes = await database.WritesAsync() - writesBefore;
        long during = await database.MaintenanceRunsAsync() - before;
        await settle();
        var (seconds, cpu) = await database.VacuumAsync();
        _records[load(result).Name] = new MaintenanceRecord(during, seconds, cpu, writes);
        return result;
    }
}

/// <summary>
/// Autovacuum and autoanalyze runs that finished during a scenario, the server's writes during it (checkpoints, WAL,
/// buffers its backends wrote themselves), and the VACUUM (ANALYZE) after it: seconds and the server process's CPU seconds.
/// </summary>
internal sealed record MaintenanceRecord(long AutovacuumRuns, double VacuumSeconds, double VacuumCpuSeconds, ServerWrites Writes);
