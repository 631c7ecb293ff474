using EthGov.Chain.Transactions;

namespace EthGov.Chain.Tests.Transactions;

/// <summary>
/// The sender lock of a key on a chain: one holder at a time, released when disposed. (Across processes, and after a
/// kill -9, through real API processes: <c>SingleSenderTests</c> in the fault suite.)
/// </summary>
public sealed class SenderLockTests
{
    private const string Key = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private const string OtherKey = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    private static string NewDirectory() => Directory.CreateTempSubdirectory("ethgov-lock-test-").FullName;

    [Fact]
    public void Acquire_WhileHeld_RefusesNamingTheKeyTheLockFileAndTheHolder()
    {
        var directory = NewDirectory();
        using var held = SenderLock.Acquire(directory, 31337, Key);

        var refused = Assert.Throws<SenderLockTakenException>(() => SenderLock.Acquire(directory, 31337, Key.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)));

        Assert.Equal(held.Path, refused.LockPath);
        Assert.Equal(Environment.ProcessId, refused.Holder);
        Assert.Contains(Key, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(held.Path, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void Acquire_AfterTheHolderReleased_Succeeds()
    {
        var directory = NewDirectory();
        SenderLock.Acquire(directory, 31337, Key).Dispose();

        using var again = SenderLock.Acquire(directory, 31337, Key);

        Assert.Equal(SenderLock.PathFor(directory, 31337, Key), again.Path);
    }

    [Fact]
    public void Acquire_AnotherKeyOrAnotherChain_IsAnotherLock()
    {
        var directory = NewDirectory();
        using var held = SenderLock.Acquire(directory, 31337, Key);

        using var otherKey = SenderLock.Acquire(directory, 31337, OtherKey);
        using var otherChain = SenderLock.Acquire(directory, 2026, Key);

        Assert.Equal(3, new[] { held.Path, otherKey.Path, otherChain.Path }.Distinct().Count());
    }

    [Fact]
    public void Acquire_InAMissingDirectory_CreatesItForTheUserOnly()
    {
        var directory = Path.Combine(NewDirectory(), "locks");

        using var held = SenderLock.Acquire(directory, 31337, Key);

        Assert.True(File.Exists(held.Path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        }
    }
}
