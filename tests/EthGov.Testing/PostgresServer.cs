using System.Diagnostics;
using System.Globalization;
using EthGov.Application.Storage;
using Npgsql;

namespace EthGov.Testing;

/// <summary>
/// A private PostgreSQL 15 cluster for the tests, from Debian's packages (scripts/lib/setup.sh installs them): made by
/// initdb in a temporary folder the first time a test asks for a database, listening on a free loopback port with its
/// socket in that folder, and stopped (its folder deleted) when the test process exits, or by a later run when the
/// test host was ended first. Each caller gets a database of
/// its own, so tests never see each other's rows.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root. Under root (as in the CI containers) initdb and pg_ctl run as <c>nobody</c>
/// through util-linux's <c>setpriv</c> (no password, no login shell needed, unlike <c>su</c>), and the folder is handed
/// to that user first; under any other user they run as that user.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    // Debian's nobody and nogroup.
    private const int Nobody = 65534;

    private const string FolderPrefix = "ethgov-postgres-";

    // The test process that started the cluster in a folder, for a later run to tell whether it is abandoned.
    private const string OwnerFile = "owner.pid";

    private static readonly Lazy<PostgresServer> s_shared = new(() => Start(durable: false), LazyThreadSafetyMode.ExecutionAndPublication);

    private string _startOptions = string.Empty;

    private readonly string _folder;
    private readonly string _data;
    private readonly string _adminConnectionString;
    private int _databases;
    private int _disposed;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        _data = Path.Combine(folder, "data");
        Port = port;
        _adminConnectionString = ConnectionString("postgres");
    }

    /// <summary>The directory of Debian's PostgreSQL 15 programs; <c>ETHGOV_POSTGRES_BIN</c> overrides it.</summary>
    public static string BinDirectory => Environment.GetEnvironmentVariable("ETHGOV_POSTGRES_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    /// <summary>The one cluster of this test process, started on first use.</summary>
    public static PostgresServer Shared => s_shared.Value;

    /// <summary>The loopback port the cluster listens on.</summary>
    public int Port { get; }

    /// <summary>Creates an empty database and answers store settings that point at it.</summary>
    public StorageOptions CreateDatabase()
    {
        var name = "ethgov_" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture) + "_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            create.ExecuteNonQuery();
        }

        return new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = ConnectionString(name) };
    }

    /// <summary>
    /// A cluster of the caller's own, for a test that stops and starts the server under its replicas (the shared one
    /// serves other tests meanwhile); the caller disposes it.
    /// </summary>
    public static PostgresServer StartPrivate() => Start(durable: true);

    /// <summary>
    /// Stops the server as an operator or a crash would: <paramref name="mode"/> <c>fast</c> ends every session and
    /// shuts down cleanly, <c>immediate</c> quits without a checkpoint (recovery replays the WAL at the next start).
    /// </summary>
    public void Stop(string mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(mode);
        Run("pg_ctl", ["stop", "-D", _data, "-m", mode, "-w", "-t", "60"], throwOnFailure: true);
    }

    /// <summary>Starts the server again on the same port, after <see cref="Stop"/>.</summary>
    public void Restart()
        => Run("pg_ctl", ["start", "-D", _data, "-w", "-t", "60", "-l", Path.Combine(_folder, "server.log"), "-o", _startOptions], throwOnFailure: true);

    /// <summary>Stops the cluster and deletes its folder.</summary>
    public void Dispose()
    {
        // A private cluster is disposed by its test and again at exit.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        Run("pg_ctl", ["stop", "-D", _data, "-m", "immediate", "-w"], throwOnFailure: false);
        // The server removes its last files as it exits, which can race the first attempt.
        for (var attempt = 0; attempt < 20 && Directory.Exists(_folder); attempt++)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
        }
    }

    // The shared cluster runs without fsync: every test host's commits then cost no disk flush, which on this kind of
    // machine is most of a store test's time. What a test kills (a node, a connection, a backend) leaves every commit in
    // the page cache, as it would with fsync; only a machine crash would lose it. The tests that stop the server itself
    // (DatabaseRestartTests) run a private cluster with fsync on, as a department's server runs.
    private static PostgresServer Start(bool durable)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({BinDirectory}/initdb is missing): run scripts/test.sh once, which installs Debian's postgresql package");
        }

        DeleteAbandoned();
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        if (Environment.IsPrivilegedProcess)
        {
            RunProcess("chown", [$"{Nobody}:{Nobody}", folder], asNobody: false, folder, throwOnFailure: true);
        }

        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var server = new PostgresServer(folder, FreePort.Next());
        server.Run("initdb", ["-D", server._data, "-U", "ethgov", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], throwOnFailure: true);
        server._startOptions = $"-p {server.Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=32MB"
            + (durable ? string.Empty : " -c fsync=off -c full_page_writes=off");
        server.Restart();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    // The test host may be ended before its exit handlers run: a cluster whose test process (owner.pid) is gone is stopped
    // and deleted by the next run, and so is a folder left without an owner and older than any start-up.
    private static void DeleteAbandoned()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            var abandoned = File.Exists(owner)
                ? int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid)
                : Directory.GetCreationTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-10);
            if (abandoned)
            {
                try
                {
                    if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
                    {
                        RunProcess(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w"],
                            Environment.IsPrivilegedProcess, folder, throwOnFailure: false);
                    }

                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another user's, or being deleted by another test process.
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "ethgov",
        Database = database,
        Pooling = true,
        MaxPoolSize = 20,

        // Every test host has its own database and pool, and a host that ended leaves its pool's connections open until
        // they idle out (5 minutes by default): on a whole suite those add up past max_connections.
        ConnectionIdleLifetime = 10,
        ConnectionPruningInterval = 5,
    }.ToString();

    private void Run(string program, IReadOnlyList<string> arguments, bool throwOnFailure)
        => RunProcess(Path.Combine(BinDirectory, program), arguments, Environment.IsPrivilegedProcess, _folder, throwOnFailure);

    private static void RunProcess(string program, IReadOnlyList<string> arguments, bool asNobody, string folder, bool throwOnFailure)
    {
        var start = new ProcessStartInfo(asNobody ? "setpriv" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        if (asNobody)
        {
            foreach (var argument in new[] { $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 && throwOnFailure)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed ({process.ExitCode}): {error.GetAwaiter().GetResult()} {output.GetAwaiter().GetResult()}");
        }
    }
}
