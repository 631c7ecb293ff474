using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Core.Records;

namespace EthGov.Application.Records;

/// <summary>
/// The content of the records the node keeps, addressed by SHA-256 digest, in table <c>records</c> of the node's database.
/// Content and subject are encrypted with AES-256-GCM under the node's data key, a fresh nonce each, the digest bound as
/// associated data so a row's ciphertext cannot be passed off as another's. Person identifiers are kept only as an HMAC
/// under the same key. Every write goes through one connection and is committed (WAL, synchronous=FULL) before the call
/// returns, so a route may answer once it has awaited the write. Erasure removes content, subject and person key and keeps
/// a tombstone, so the node can say the record existed and was erased.
/// </summary>
public sealed class RecordStore : IDisposable
{
    private const string Columns = "id, digest, department, kind, media_type, subject, subject_salt, origin, exchange_id, retain_until, created_at, erased_at, size";

    private static readonly byte[] s_subjectLabel = Encoding.UTF8.GetBytes("ethgov:record-subject:");

    private readonly Database _database;
    private readonly NodeDataKey _key;
    private readonly RecordsOptions _options;
    private readonly RecordRetention _retention;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private DbConnection? _writer;

    /// <summary>Creates the store over <paramref name="database"/> (whose tables exist) with the node's data key.</summary>
    public RecordStore(Database database, NodeDataKey key, RecordsOptions options, TimeProvider? time = null)
    {
        _database = database;
        _key = key;
        _options = options;
        _retention = new RecordRetention(options);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The largest content kept, in bytes.</summary>
    public long MaxRecordBytes => _options.MaxRecordBytes;

    /// <summary>
    /// Keeps <paramref name="record"/> after checking its size and that SHA-256 of its content is its digest; returns once
    /// committed. Idempotent: the same digest for the same department again is <see cref="RecordPutOutcome.AlreadyStored"/>.
    /// </summary>
    public async Task<RecordPutOutcome> PutAsync(RecordContent record, CancellationToken cancellationToken = default)
    {
        var checkedRecord = Seal(record);
        if (checkedRecord.Row is not { } row)
        {
            return checkedRecord.Refused!.Value;
        }

        return await WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var outcome = Insert(connection, transaction, row);
            transaction.Commit();
            return outcome;
        }, cancellationToken);
    }

    /// <summary>
    /// The checks and the encryption of <see cref="PutAsync"/> without its write: the row to keep with
    /// <see cref="Insert"/> in a transaction of the caller's on this node's database (a received record is kept in the
    /// same commit as the exchange that brought it), or why <paramref name="record"/> is refused.
    /// </summary>
    public SealedRecord Seal(RecordContent record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Content.Length > _options.MaxRecordBytes)
        {
            return new SealedRecord(null, RecordPutOutcome.TooLarge);
        }

        if (new Digest(SHA256.HashData(record.Content.Span)) != record.Digest)
        {
            return new SealedRecord(null, RecordPutOutcome.DigestMismatch);
        }

        if ((record.Kind is not null && !RecordKind.IsValidName(record.Kind))
            || (record.Subject is not null && !SubjectCommitment.IsAddress(record.Subject))
            || (record.Person is not null && string.IsNullOrWhiteSpace(record.Person))
            || (record.SubjectSalt is not null && record.SubjectSalt.Length != SaltedRecord.SaltSize)
            || string.IsNullOrWhiteSpace(record.MediaType))
        {
            return new SealedRecord(null, RecordPutOutcome.InvalidMetadata);
        }

        byte[]? personKey;
        try
        {
            personKey = record.Person is null ? null : _key.PersonKey(record.Person);
        }
        catch (ArgumentException)
        {
            return new SealedRecord(null, RecordPutOutcome.InvalidMetadata);
        }

        var digest = record.Digest.ToArray();
        var now = _time.GetUtcNow();
        var subject = record.Subject is null ? null : _key.Seal(Encoding.ASCII.GetBytes(SubjectCommitment.NormalizeAddress(record.Subject)), SubjectAad(digest));
        var row = new SealedRecordRow(record, digest, _key.Seal(record.Content.Span, digest), subject, personKey,
            _retention.RetainUntil(record.Kind, now, record.RetainUntil), now);
        return new SealedRecord(row, null);
    }

    /// <summary>
    /// Writes <paramref name="row"/> (from <see cref="Seal"/>) in <paramref name="transaction"/>: kept, or what the table
    /// already holds under its digest. The caller commits.
    /// </summary>
    public static RecordPutOutcome Insert(DbConnection connection, DbTransaction transaction, SealedRecordRow row)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(row);
        var record = row.Record;
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO records (digest, department, kind, kind_id, media_type, subject, subject_salt, person_key, origin,
                                 exchange_id, retain_until, created_at, size, content)
            VALUES (@digest, @department, @kind, @kindId, @mediaType, @subject, @subjectSalt, @personKey, @origin,
                    @exchangeId, @retainUntil, @createdAt, @size, @content)
            ON CONFLICT (digest) DO NOTHING
            """;
        insert.Parameters.AddWithValue("@digest", row.Digest);
        insert.Parameters.AddWithValue("@department", (long)record.Department);
        insert.Parameters.AddWithValue("@kind", (object?)record.Kind ?? DBNull.Value);
        insert.Parameters.AddWithValue("@kindId", record.Kind is null ? DBNull.Value : RecordKind.Id(record.Kind).ToArray());
        insert.Parameters.AddWithValue("@mediaType", record.MediaType);
        insert.Parameters.AddWithValue("@subject", (object?)row.Subject ?? DBNull.Value);
        insert.Parameters.AddWithValue("@subjectSalt", (object?)record.SubjectSalt ?? DBNull.Value);
        insert.Parameters.AddWithValue("@personKey", (object?)row.PersonKey ?? DBNull.Value);
        insert.Parameters.AddWithValue("@origin", OriginName(record.Origin));
        insert.Parameters.AddWithValue("@exchangeId", (object?)record.ExchangeId ?? DBNull.Value);
        insert.Parameters.AddWithValue("@retainUntil", row.RetainUntil is { } until ? until.ToUnixTimeMilliseconds() : DBNull.Value);
        insert.Parameters.AddWithValue("@createdAt", row.CreatedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("@size", (long)record.Content.Length);
        insert.Parameters.AddWithValue("@content", row.Content);
        if (insert.ExecuteNonQuery() == 1)
        {
            return RecordPutOutcome.Stored;
        }

        using var existing = connection.CreateCommand();
        existing.Transaction = transaction;
        existing.CommandText = "SELECT department, erased_at FROM records WHERE digest = @digest";
        existing.Parameters.AddWithValue("@digest", row.Digest);
        using var reader = existing.ExecuteReader();
        reader.Read();
        return reader.GetInt64(0) != record.Department ? RecordPutOutcome.OtherDepartment
            : !reader.IsDBNull(1) ? RecordPutOutcome.Erased
            : RecordPutOutcome.AlreadyStored;
    }

    /// <summary>The record kept under <paramref name="digest"/>, decrypted, or its tombstone; null when none is kept.</summary>
    /// <exception cref="CryptographicException">The stored ciphertext was altered or sealed under another data key.</exception>
    public Task<StoredRecord?> GetAsync(Digest digest, CancellationToken cancellationToken = default)
        => Task.Run(() =>
        {
            using var connection = _database.Connect();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns}, content FROM records WHERE digest = @digest";
            command.Parameters.AddWithValue("@digest", digest.ToArray());
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader, withContent: true) : null;
        }, cancellationToken);

    /// <summary>
    /// The kept (not erased) records of kind <paramref name="kindId"/> concerning <paramref name="person"/>, decrypted,
    /// oldest first; only those of <paramref name="department"/> when given. The identifier is matched by its HMAC.
    /// </summary>
    /// <exception cref="ArgumentException">The identifier is empty or too long.</exception>
    public Task<IReadOnlyList<StoredRecord>> FindByPersonAsync(Digest kindId, string person, uint? department = null, CancellationToken cancellationToken = default)
    {
        var personKey = _key.PersonKey(person);
        return Task.Run<IReadOnlyList<StoredRecord>>(() =>
        {
            using var connection = _database.Connect();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {Columns}, content FROM records
                WHERE person_key = @personKey AND kind_id = @kindId AND erased_at IS NULL
                  AND department = coalesce(@department, department)
                ORDER BY id
                """;
            command.Parameters.AddWithValue("@personKey", personKey);
            command.Parameters.AddWithValue("@kindId", kindId.ToArray());
            command.Parameters.AddWithValue("@department", department is { } d ? (long)d : DBNull.Value);
            using var reader = command.ExecuteReader();
            var found = new List<StoredRecord>();
            while (reader.Read())
            {
                found.Add(Read(reader, withContent: true));
            }

            return found;
        }, cancellationToken);
    }

    /// <summary>
    /// One page of <paramref name="department"/>'s records (tombstones included), oldest first, without content; pass the
    /// previous page's <see cref="RecordPage.Next"/> as <paramref name="after"/> for the next.
    /// </summary>
    public Task<RecordPage> ListAsync(uint department, long? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Task.Run(() =>
        {
            using var connection = _database.Connect();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM records WHERE department = @department AND id > @after ORDER BY id LIMIT @limit";
            command.Parameters.AddWithValue("@department", (long)department);
            command.Parameters.AddWithValue("@after", after ?? 0);
            command.Parameters.AddWithValue("@limit", limit + 1);
            using var reader = command.ExecuteReader();
            var records = new List<StoredRecord>();
            long last = 0;
            while (records.Count < limit && reader.Read())
            {
                last = reader.GetInt64(0);
                records.Add(Read(reader, withContent: false));
            }

            return new RecordPage(records, reader.Read() ? last : null);
        }, cancellationToken);
    }

    /// <summary>
    /// Erases the content of the record under <paramref name="digest"/>, with its subject and person key, keeping a
    /// tombstone (digest, department, kind, erasedAt). Returns the erasure time, the earlier one when it was already
    /// erased, or null when no such record is kept.
    /// </summary>
    public Task<DateTimeOffset?> EraseAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return WriteAsync<DateTimeOffset?>(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE records SET content = NULL, subject = NULL, subject_salt = NULL, person_key = NULL,
                                   erased_at = coalesce(erased_at, @now)
                WHERE digest = @digest RETURNING erased_at
                """;
            update.Parameters.AddWithValue("@digest", digest.ToArray());
            update.Parameters.AddWithValue("@now", now);
            var erasedAt = update.ExecuteScalar();
            transaction.Commit();
            return erasedAt is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        }, cancellationToken);
    }

    /// <summary>
    /// Erases the copy <paramref name="department"/> received of <paramref name="digest"/>, or, when none is kept yet (its
    /// exchange is still under way), leaves a tombstone in its place so that the copy is refused as erased when it comes.
    /// A record this node issued under the digest is left alone. Returns the erasure time (the earlier one when it was
    /// already erased), or null when the digest is another department's or an issued record.
    /// </summary>
    public Task<DateTimeOffset?> EraseReceivedAsync(Digest digest, uint department, string? exchangeId, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return WriteAsync<DateTimeOffset?>(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO records (digest, department, media_type, origin, exchange_id, created_at, erased_at, size)
                VALUES (@digest, @department, 'application/octet-stream', 'received', @exchangeId, @now, @now, 0)
                ON CONFLICT (digest) DO UPDATE SET content = NULL, subject = NULL, subject_salt = NULL, person_key = NULL,
                                                   erased_at = coalesce(records.erased_at, @now)
                WHERE records.origin = 'received' AND records.department = @department
                """;
            upsert.Parameters.AddWithValue("@digest", digest.ToArray());
            upsert.Parameters.AddWithValue("@department", (long)department);
            upsert.Parameters.AddWithValue("@exchangeId", (object?)exchangeId ?? DBNull.Value);
            upsert.Parameters.AddWithValue("@now", now);
            upsert.ExecuteNonQuery();
            using var read = connection.CreateCommand();
            read.Transaction = transaction;
            read.CommandText = "SELECT erased_at FROM records WHERE digest = @digest AND origin = 'received' AND department = @department";
            read.Parameters.AddWithValue("@digest", digest.ToArray());
            read.Parameters.AddWithValue("@department", (long)department);
            var erasedAt = read.ExecuteScalar();
            transaction.Commit();
            return erasedAt is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        }, cancellationToken);
    }

    /// <summary>
    /// Erases the content of at most <paramref name="limit"/> records whose retention has passed at
    /// <paramref name="now"/> (the node's clock when null); returns how many were erased.
    /// </summary>
    public Task<int> EraseExpiredAsync(DateTimeOffset? now = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        var at = (now ?? _time.GetUtcNow()).ToUnixTimeMilliseconds();
        return WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE records SET content = NULL, subject = NULL, subject_salt = NULL, person_key = NULL, erased_at = @now
                WHERE id IN (SELECT id FROM records
                             WHERE retain_until IS NOT NULL AND retain_until <= @now AND erased_at IS NULL LIMIT @limit)
                """;
            update.Parameters.AddWithValue("@now", at);
            update.Parameters.AddWithValue("@limit", limit);
            var erased = update.ExecuteNonQuery();
            transaction.Commit();
            return erased;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer?.Dispose();
        _writeGate.Dispose();
    }

    private static string OriginName(RecordOrigin origin) => origin == RecordOrigin.Received ? "received" : "issued";

    private static byte[] SubjectAad(byte[] digest) => [.. s_subjectLabel, .. digest];

    private static DateTimeOffset? Time(DbDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static byte[]? Bytes(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);

    private StoredRecord Read(DbDataReader reader, bool withContent)
    {
        var digestBytes = (byte[])reader.GetValue(1);
        var sealedSubject = Bytes(reader, 5);
        var sealedContent = withContent ? Bytes(reader, 13) : null;
        return new StoredRecord(
            new Digest(digestBytes),
            (uint)reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetString(4),
            sealedSubject is null ? null : Encoding.ASCII.GetString(_key.Open(sealedSubject, SubjectAad(digestBytes))),
            Bytes(reader, 6),
            reader.GetString(7) == "received" ? RecordOrigin.Received : RecordOrigin.Issued,
            reader.IsDBNull(8) ? null : reader.GetString(8),
            Time(reader, 9),
            Time(reader, 10)!.Value,
            Time(reader, 11),
            reader.GetInt64(12),
            sealedContent is null ? null : _key.Open(sealedContent, digestBytes));
    }

    // One connection for every write, one write at a time: SQLite has one writer anyway, and this keeps the WAL
    // settings of Database.Connect on a connection that stays open; a new one after the server dropped it (PostgreSQL).
    private async Task<T> WriteAsync<T>(Func<DbConnection, T> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() =>
            {
                if (_writer is { State: not System.Data.ConnectionState.Open })
                {
                    _writer.Dispose();
                    _writer = null;
                }

                _writer ??= _database.Connect();
                return write(_writer);
            }, CancellationToken.None);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
