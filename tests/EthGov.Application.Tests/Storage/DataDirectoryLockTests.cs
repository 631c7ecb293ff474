using EthGov.Application.Storage;

namespace EthGov.Application.Tests.Storage;

/// <summary>
/// The data directory lock within one process: one holder at a time, released when disposed. (Across processes and after
/// a kill -9, through real API processes: <c>DataDirectoryLockTests</c> in the fault suite.)
/// </summary>
public sealed class DataDirectoryLockTests
{
    private static string NewDirectory() => Directory.CreateTempSubdirectory("ethgov-data-lock-").FullName;

    [Fact]
    public void Acquire_WhileHeld_RefusesWithOneLineNamingTheDirectoryAndTheHolder()
    {
        var directory = NewDirectory();
        using var held = DataDirectoryLock.Acquire(directory);

        var refused = Assert.Throws<DataDirectoryTakenException>(() => DataDirectoryLock.Acquire(Path.Combine(directory, ".")));

        Assert.Equal(held.Directory, refused.Directory);
        Assert.Equal(
            $"EthGov:DataDirectory: {directory} is in use: another node (process {Environment.ProcessId}) holds its lock node.lock; run one node process per data directory",
            refused.Message);
    }

    [Fact]
    public void Acquire_AfterTheHolderReleased_Succeeds()
    {
        var directory = NewDirectory();
        DataDirectoryLock.Acquire(directory).Dispose();

        using var again = DataDirectoryLock.Acquire(directory);

        Assert.Equal(Path.Combine(directory, DataDirectoryLock.FileName), again.Path);
    }

    [Fact]
    public void Acquire_AMissingDirectory_CreatesIt_AndTakesNothingElseThere()
    {
        var directory = Path.Combine(NewDirectory(), "node");

        using var held = DataDirectoryLock.Acquire(directory);

        Assert.Equal([DataDirectoryLock.FileName, DataDirectoryLock.FileName + ".pid"], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Acquire_AnotherDirectory_IsAnotherLock()
    {
        using var first = DataDirectoryLock.Acquire(NewDirectory());

        using var second = DataDirectoryLock.Acquire(NewDirectory());

        Assert.NotEqual(first.Path, second.Path);
    }
}
