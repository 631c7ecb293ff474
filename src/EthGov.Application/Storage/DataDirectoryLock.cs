using System.Globalization;

namespace EthGov.Application.Storage;

/// <summary>
/// A node's claim on its data directory: an exclusive lock on <c>node.lock</c> there, taken before the database is
/// opened and held for the process's lifetime. Two node processes on one SQLite store would both form batches from
/// one outbox and each keep its own in-memory index of rows the other wrote; the second one refuses to start instead.
/// The operating system releases the lock when the process ends, even by kill -9, so it never goes stale.
/// </summary>
/// <remarks>
/// .NET takes the lock with flock(2) when a file is opened with <see cref="FileShare.None"/>. The holder's process id
/// goes to <c>node.lock.pid</c>, only for the refusal's message: the lock file decides. The CLI's store commands
/// (<c>ethgov apikey</c>, <c>ethgov audit reconcile</c>) do not take this lock: they run beside a node by design.
/// </remarks>
public sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The lock file's name inside the data directory.</summary>
    public const string FileName = "node.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file, string directory)
    {
        _file = file;
        Directory = directory;
    }

    /// <summary>The data directory, as a full path.</summary>
    public string Directory { get; }

    /// <summary>The lock file.</summary>
    public string Path => System.IO.Path.Combine(Directory, FileName);

    /// <summary>Takes the lock of <paramref name="dataDirectory"/>, creating the directory when missing.</summary>
    /// <exception cref="DataDirectoryTakenException">Another process holds it, or file locking does not work here.</exception>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var directory = System.IO.Path.GetFullPath(dataDirectory);
        System.IO.Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new DataDirectoryTakenException(
                $"EthGov:DataDirectory: {directory} is in use: another node{Holder(path)} holds its lock {FileName}; run one node process per data directory",
                directory, ex);
        }

        try
        {
            ProveExclusive(path, directory);
            File.WriteAllText(path + ".pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            return new DataDirectoryLock(file, directory);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _file.Dispose();

    // With DOTNET_SYSTEM_IO_DISABLEFILELOCKING set, .NET skips flock and every open succeeds: a second open of the file we
    // hold must fail, or the lock protects nothing and the start is refused.
    private static void ProveExclusive(string path, string directory)
    {
        try
        {
            using var second = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return;
        }

        throw new DataDirectoryTakenException(
            $"EthGov:DataDirectory: cannot lock {directory}: file locking is disabled on this host (DOTNET_SYSTEM_IO_DISABLEFILELOCKING), so a second node could open the same store",
            directory);
    }

    private static string Holder(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path + ".pid"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? $" (process {pid.ToString(CultureInfo.InvariantCulture)})"
                : string.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
