using System.Data.Common;
using System.Diagnostics;
using EthGov.Application.Storage;

namespace EthGov.Application.Replicas;

/// <summary>
/// The lease that lets exactly one replica of a department's node form batches and send transactions, kept in the
/// PostgreSQL database the replicas share: one row (holder, epoch, expiry). Taking and renewing it is one conditional
/// UPDATE, which succeeds for the holder, or for anyone once the expiry has passed; a takeover adds one to the epoch.
/// Expiries are read from the database's clock, so the replicas' own clocks never have to agree.
/// </summary>
/// <remarks>
/// The epoch fences the holder's transactions: a nonce is reserved (<see cref="ReserveNonce"/>) under the epoch before the
/// transaction is signed, and the reservation fails once another replica took the lease, so a holder that was paused
/// past its expiry cannot send when it wakes.
/// </remarks>
public sealed class ReplicaLease
{
    // Milliseconds since 1970 on the database server's clock.
    private const string Now = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

    private readonly Database _database;
    private readonly long _durationMs;
    private readonly long _reserveMarginMs;

    /// <summary>
    /// The lease in <paramref name="database"/> as <paramref name="holder"/> (unique per process run) would take it, for
    /// <paramref name="duration"/> at a time; a nonce is reserved only while at least <paramref name="reserveMargin"/> of
    /// the lease is left.
    /// </summary>
    /// <exception cref="ArgumentException">The database is not PostgreSQL, or a duration is not positive.</exception>
    public ReplicaLease(Database database, string holder, TimeSpan duration, TimeSpan reserveMargin)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        if (database.IsSqlite)
        {
            throw new ArgumentException("the replica lease lives in PostgreSQL; one SQLite process holds it by its data-directory lock", nameof(database));
        }

        if (duration <= TimeSpan.Zero || reserveMargin < TimeSpan.Zero || reserveMargin >= duration)
        {
            throw new ArgumentException($"the lease duration ({duration}) must be positive and longer than the reservation margin ({reserveMargin})", nameof(duration));
        }

        _database = database;
        Holder = holder;
        _durationMs = (long)duration.TotalMilliseconds;
        _reserveMarginMs = (long)reserveMargin.TotalMilliseconds;
    }

    /// <summary>This process's name in the lease row.</summary>
    public string Holder { get; }

    /// <summary>
    /// Takes the lease when it is free or expired, or renews it when this process holds it: the term held, or null when
    /// another replica holds it.
    /// </summary>
    public LeaseTerm? TryHold()
    {
        long asked = Stopwatch.GetTimestamp();
        using var connection = _database.Connect();
        Ensure(connection);
        using var update = connection.CreateCommand();
        update.CommandText = $"""
            UPDATE replica_lease
            SET epoch = CASE WHEN holder = @holder THEN epoch ELSE epoch + 1 END,
                holder = @holder,
                expires_at = {Now} + @duration
            WHERE id = 1 AND (holder = @holder OR expires_at < {Now})
            RETURNING epoch
            """;
        update.Parameters.AddWithValue("@holder", Holder);
        update.Parameters.AddWithValue("@duration", _durationMs);
        return update.ExecuteScalar() is long epoch
            ? new LeaseTerm(epoch, asked + _durationMs * Stopwatch.Frequency / 1000)
            : null;
    }

    /// <summary>Gives the lease up at once (at shutdown), so another replica need not wait for it to expire.</summary>
    public void Release()
    {
        using var connection = _database.Connect();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE replica_lease SET expires_at = 0 WHERE id = 1 AND holder = @holder";
        update.Parameters.AddWithValue("@holder", Holder);
        update.ExecuteNonQuery();
    }

    /// <summary>
    /// Reserves <paramref name="nonce"/> of <paramref name="signer"/> under <paramref name="epoch"/>: true only while this
    /// process holds the lease at that epoch with at least the reservation margin left. A holder that lost the lease gets
    /// false, whatever it believes, and must not sign.
    /// </summary>
    public bool ReserveNonce(long epoch, string signer, ulong nonce)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signer);
        using var connection = _database.Connect();
        using var reserve = connection.CreateCommand();
        reserve.CommandText = $"""
            INSERT INTO nonce_reservations (signer, nonce, epoch, reserved_at)
            SELECT @signer, @nonce, epoch, {Now} FROM replica_lease
            WHERE id = 1 AND holder = @holder AND epoch = @epoch AND expires_at > {Now} + @margin
            ON CONFLICT (signer) DO UPDATE SET nonce = excluded.nonce, epoch = excluded.epoch, reserved_at = excluded.reserved_at
            WHERE nonce_reservations.epoch <= excluded.epoch
            """;
        reserve.Parameters.AddWithValue("@signer", signer.ToLowerInvariant());
        reserve.Parameters.AddWithValue("@nonce", checked((long)nonce));
        reserve.Parameters.AddWithValue("@holder", Holder);
        reserve.Parameters.AddWithValue("@epoch", epoch);
        reserve.Parameters.AddWithValue("@margin", _reserveMarginMs);
        return reserve.ExecuteNonQuery() == 1;
    }

    /// <summary>Who holds the lease, at which epoch, and whether it has expired, as the database sees it now.</summary>
    public (string Holder, long Epoch, bool Expired) Read()
    {
        using var connection = _database.Connect();
        Ensure(connection);
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT holder, epoch, expires_at < {Now} FROM replica_lease WHERE id = 1";
        using var reader = select.ExecuteReader();
        reader.Read();
        return (reader.GetString(0), reader.GetInt64(1), reader.GetBoolean(2));
    }

    // The row exists from the first look on: nobody holds it, at epoch 0.
    private static void Ensure(DbConnection connection)
        => Database.Execute(connection, "INSERT INTO replica_lease (id, holder, epoch, expires_at) VALUES (1, '', 0, 0) ON CONFLICT (id) DO NOTHING");
}
