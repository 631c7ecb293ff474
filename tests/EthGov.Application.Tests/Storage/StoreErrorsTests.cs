using EthGov.Application.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EthGov.Application.Tests.Storage;

/// <summary>
/// Which store failures mean "the store cannot be used for now" (answered 503 with Retry-After) and which are faults
/// of the statement or the data (left to be a 500): a refused statement must never pass for an outage.
/// </summary>
public sealed class StoreErrorsTests
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server was stopped
    [InlineData("57P03")] // cannot_connect_now: the server is starting
    [InlineData("08006")] // connection_failure
    [InlineData("53300")] // too_many_connections
    [InlineData("25006")] // read_only_sql_transaction: a standby after a failover
    [InlineData("40001")] // serialization_failure
    public void Unavailable_PostgresStatesOfAPassingOutage_AreFound(string sqlState)
        => Assert.NotNull(StoreErrors.Unavailable(Postgres(sqlState)));

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("42P01")] // undefined_table
    [InlineData("42601")] // syntax_error
    [InlineData("22003")] // numeric_value_out_of_range
    public void Unavailable_PostgresStatesOfTheStatement_AreNotAnOutage(string sqlState)
        => Assert.Null(StoreErrors.Unavailable(Postgres(sqlState)));

    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY
    [InlineData(6, true)] // SQLITE_LOCKED
    [InlineData(10, true)] // SQLITE_IOERR
    [InlineData(13, true)] // SQLITE_FULL
    [InlineData(14, true)] // SQLITE_CANTOPEN
    [InlineData(1, false)] // SQLITE_ERROR: a statement the file refuses
    [InlineData(11, false)] // SQLITE_CORRUPT: no retry mends it
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    public void Unavailable_Sqlite_BusyLockedFullOrUnreadableOnly(int code, bool outage)
        => Assert.Equal(outage, StoreErrors.Unavailable(new SqliteException("sqlite", code)) is not null);

    [Fact]
    public void Unavailable_NoConnection_InsideOtherExceptions_IsFoundWithItsCode()
    {
        var lost = new NpgsqlException("the store could not be reached", new System.Net.Sockets.SocketException(111));

        var found = StoreErrors.Unavailable(new InvalidOperationException("reading", new AggregateException(lost)));

        Assert.Same(lost, found);
        Assert.Equal("no connection", StoreErrors.Code(found!));
    }

    [Fact]
    public void Unavailable_NoStoreFailure_IsNull()
    {
        Assert.Null(StoreErrors.Unavailable(new InvalidOperationException("not a store failure", new IOException("disk"))));
        Assert.Null(StoreErrors.Unavailable(null));
    }

    private static PostgresException Postgres(string sqlState) => new("refused", "ERROR", "ERROR", sqlState);
}
