using EthGov.Application.Replicas;
using EthGov.Application.Storage;
using EthGov.Testing;

namespace EthGov.Application.Tests.Replicas;

/// <summary>
/// The replica lease on PostgreSQL: one holder at a time, a higher epoch at every takeover, and nonces reserved only by
/// the holder of the current epoch, so a holder paused past its expiry cannot send when it wakes.
/// </summary>
public sealed class ReplicaLeaseTests
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(600);
    private const string Signer = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    [Fact]
    public void TryHold_FreeLease_TakenAtEpochOneAndRefusedToAnother()
    {
        var database = NewDatabase();
        var first = Lease(database, "first", TimeSpan.FromSeconds(30));
        var second = Lease(database, "second", TimeSpan.FromSeconds(30));

        var held = first.TryHold();
        var refused = second.TryHold();
        var renewed = first.TryHold();

        Assert.Equal(1, held?.Epoch);
        Assert.Null(refused);
        Assert.Equal(1, renewed?.Epoch);
        Assert.Equal(("first", 1L, false), first.Read());
    }

    [Fact]
    public async Task TryHold_AfterExpiry_AnotherTakesOverAtAHigherEpoch()
    {
        var database = NewDatabase();
        var first = Lease(database, "first", s_short);
        var second = Lease(database, "second", s_short);
        Assert.Equal(1, first.TryHold()?.Epoch);
        Assert.Null(second.TryHold());

        await Task.Delay(s_short * 2);
        var taken = second.TryHold();
        var back = first.TryHold();

        Assert.Equal(2, taken?.Epoch);
        Assert.Null(back);
        Assert.Equal("second", second.Read().Holder);
    }

    [Fact]
    public void Release_ByTheHolder_LetsAnotherTakeOverAtOnce()
    {
        var database = NewDatabase();
        var first = Lease(database, "first", TimeSpan.FromSeconds(30));
        var second = Lease(database, "second", TimeSpan.FromSeconds(30));
        Assert.NotNull(first.TryHold());

        second.Release();
        Assert.Null(second.TryHold());
        first.Release();

        Assert.Equal(2, second.TryHold()?.Epoch);
    }

    [Fact]
    public void ReserveNonce_HolderOfTheEpoch_Reserved()
    {
        var database = NewDatabase();
        var lease = Lease(database, "first", TimeSpan.FromSeconds(30));
        var term = lease.TryHold()!.Value;

        Assert.True(lease.ReserveNonce(term.Epoch, Signer, 7));
        Assert.True(lease.ReserveNonce(term.Epoch, Signer, 8));
        Assert.False(lease.ReserveNonce(term.Epoch + 1, Signer, 9));
    }

    [Fact]
    public async Task ReserveNonce_StaleHolderAfterTakeover_Refused()
    {
        var database = NewDatabase();
        var paused = Lease(database, "paused", s_short);
        var next = Lease(database, "next", s_short);
        var stale = paused.TryHold()!.Value;
        Assert.True(paused.ReserveNonce(stale.Epoch, Signer, 3));

        // The holder stops renewing (a long pause); the other replica takes over and reserves the nonce it sends at.
        await Task.Delay(s_short * 2);
        var current = next.TryHold()!.Value;
        Assert.True(next.ReserveNonce(current.Epoch, Signer, 4));

        // The paused holder wakes believing in its old term: its reservation fails, at its own epoch or at the new one.
        Assert.False(paused.ReserveNonce(stale.Epoch, Signer, 4));
        Assert.False(paused.ReserveNonce(current.Epoch, Signer, 4));
        Assert.Equal(current.Epoch, Scalar(database, "SELECT epoch FROM nonce_reservations WHERE signer = @signer"));
    }

    [Fact]
    public async Task ReserveNonce_ExpiredButNotTakenOver_Refused()
    {
        var database = NewDatabase();
        var lease = Lease(database, "first", s_short);
        var term = lease.TryHold()!.Value;

        await Task.Delay(s_short * 2);

        Assert.False(lease.ReserveNonce(term.Epoch, Signer, 1));
    }

    [Fact]
    public void Constructor_Sqlite_Refused()
    {
        var database = new Database(Directory.CreateTempSubdirectory("ethgov-lease-").FullName);

        Assert.Throws<ArgumentException>(() => Lease(database, "first", TimeSpan.FromSeconds(4)));
    }

    private static ReplicaLease Lease(Database database, string holder, TimeSpan duration)
        => new(database, holder, duration, duration / 4);

    private static Database NewDatabase()
    {
        var database = new Database(Directory.CreateTempSubdirectory("ethgov-lease-").FullName, PostgresServer.Shared.CreateDatabase());
        database.EnsureCreated();
        return database;
    }

    private static long Scalar(Database database, string sql)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@signer", Signer.ToLowerInvariant());
        return (long)command.ExecuteScalar()!;
    }
}
