namespace EthGov.Chain.Transactions;

/// <summary>Another process on this host holds the <see cref="SenderLock"/> of a key: it sends with it.</summary>
public sealed class SenderLockTakenException : IOException
{
    /// <summary>Creates the refusal for <paramref name="address"/>, whose lock <paramref name="lockPath"/> <paramref name="holder"/> holds (when known).</summary>
    public SenderLockTakenException(string address, string lockPath, int? holder, Exception? inner = null)
        : base($"key {address} is already sending on this host: another process holds its sender lock {lockPath}" +
            (holder is { } pid ? $" (process {pid})" : string.Empty), inner)
    {
        Address = address;
        LockPath = lockPath;
        Holder = holder;
    }

    /// <summary>The key's address.</summary>
    public string Address { get; }

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>The process id the holder wrote beside the lock, when it could be read.</summary>
    public int? Holder { get; }
}
