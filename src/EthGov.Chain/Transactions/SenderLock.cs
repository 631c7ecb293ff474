using System.Globalization;

namespace EthGov.Chain.Transactions;

/// <summary>
/// One process's claim on one signing key of one chain on this host: an exclusive lock on a file named after the chain
/// id and the key's address, held until it is disposed or the process ends. The operating system releases it when the
/// process dies, even by kill -9, so it never goes stale. Two senders with one key would hand out the same nonces, and
/// one of them would see its transactions replaced by the other's.
/// </summary>
/// <remarks>
/// .NET takes the lock with flock(2) when a file is opened with <see cref="FileShare.None"/>. A sidecar file names the
/// holder's process id for the refusal message; it is only informative (the lock file decides).
/// </remarks>
public sealed class SenderLock : IDisposable
{
    private readonly FileStream _file;

    private SenderLock(FileStream file, string path, string address)
    {
        _file = file;
        Path = path;
        Address = address;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The key's address.</summary>
    public string Address { get; }

    /// <summary>The lock directory when none is configured: a folder of the current user's under the temporary path.</summary>
    public static string DefaultDirectory
        => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ethgov-senders-" + Environment.UserName);

    /// <summary>The lock file of <paramref name="address"/> on chain <paramref name="chainId"/> in <paramref name="directory"/>.</summary>
    public static string PathFor(string directory, ulong chainId, string address)
        => System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, $"{chainId.ToString(CultureInfo.InvariantCulture)}-{address.ToLowerInvariant()}.lock"));

    /// <summary>
    /// Takes the lock of <paramref name="address"/> on chain <paramref name="chainId"/> in <paramref name="directory"/>
    /// (created for the current user only when missing).
    /// </summary>
    /// <exception cref="SenderLockTakenException">Another process holds it.</exception>
    /// <exception cref="InvalidOperationException">File locking does not work here, so the lock would protect nothing.</exception>
    public static SenderLock Acquire(string directory, ulong chainId, string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = PathFor(directory, chainId, address);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new SenderLockTakenException(address, path, HolderOf(path), ex);
        }

        try
        {
            ProveExclusive(path);
            File.WriteAllText(path + ".pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            return new SenderLock(file, path, address);
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
    // hold must fail, or the lock is an illusion and the start is refused.
    private static void ProveExclusive(string path)
    {
        try
        {
            using var second = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return;
        }

        throw new InvalidOperationException($"the sender lock {path} is not exclusive: file locking is disabled on this host (DOTNET_SYSTEM_IO_DISABLEFILELOCKING), so two processes could send with one key");
    }

    private static int? HolderOf(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path + ".pid"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
