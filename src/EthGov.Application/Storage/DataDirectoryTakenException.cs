namespace EthGov.Application.Storage;

/// <summary>A node cannot have its data directory to itself: another process holds its <see cref="DataDirectoryLock"/>.</summary>
public sealed class DataDirectoryTakenException : IOException
{
    /// <summary>Creates the refusal, a one-line <paramref name="message"/> about <paramref name="directory"/>.</summary>
    public DataDirectoryTakenException(string message, string directory, Exception? inner = null)
        : base(message, inner) => Directory = directory;

    /// <summary>The data directory, as a full path.</summary>
    public string Directory { get; }
}
