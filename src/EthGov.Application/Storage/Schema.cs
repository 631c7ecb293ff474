using System.Data.Common;

namespace EthGov.Application.Storage;

/// <summary>
/// The tables, in one place so a reader sees the whole data model. Documents are append-only and carry no
/// index on the (random) digest: idempotency is proven in memory (see <c>Outbox.DocumentIndex</c>), and batch
/// membership lives in the batch row, so accepting a document is one sequential insert.
/// </summary>
internal static class Schema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS documents (
            id          INTEGER PRIMARY KEY,
            digest      BLOB    NOT NULL,
            department  INTEGER NOT NULL,
            valid_until INTEGER NOT NULL,
            accepted_at INTEGER NOT NULL
        );
        -- What a clerk noted about a document it anchored (file name, reference, kind): a line only for a document with
        -- a label, written in its outbox row's transaction; the register of issued documents reads documents with them.
        CREATE TABLE IF NOT EXISTS issued_documents (
            document_id INTEGER PRIMARY KEY,
            file_name   TEXT,
            reference   TEXT,
            kind        TEXT
        );
        CREATE TABLE IF NOT EXISTS batches (
            id           INTEGER PRIMARY KEY,
            department   INTEGER NOT NULL,
            valid_until  INTEGER NOT NULL,
            root         BLOB    NOT NULL,
            members      BLOB    NOT NULL,
            state        INTEGER NOT NULL,
            attempts     INTEGER NOT NULL DEFAULT 0,
            error        TEXT,
            tx_hash      TEXT,
            block_number INTEGER,
            block_hash   TEXT,
            block_time   INTEGER,
            created_at   INTEGER NOT NULL,
            registry     TEXT,
            issuer       INTEGER
        );
        CREATE TABLE IF NOT EXISTS api_keys (
            id           INTEGER PRIMARY KEY,
            key_hash     BLOB    NOT NULL UNIQUE,
            department   TEXT    NOT NULL,
            created_at   INTEGER NOT NULL,
            revoked      INTEGER NOT NULL DEFAULT 0,
            scopes       TEXT    NOT NULL,
            rotated_at   INTEGER,
            revoked_at   INTEGER,
            last_used_at INTEGER
        );
        CREATE TABLE IF NOT EXISTS api_key_changes (
            id      INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS index_checkpoint (
            id           INTEGER PRIMARY KEY CHECK (id = 1),
            genesis_hash TEXT    NOT NULL,
            block_number INTEGER NOT NULL,
            block_hash   TEXT    NOT NULL
        );
        -- Replicas on one PostgreSQL database (docs/operations.md, "Replicas"): the one lease whose holder forms batches and
        -- sends transactions, its epoch one higher at every takeover; and the last nonce each signer reserved under it.
        CREATE TABLE IF NOT EXISTS replica_lease (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            holder     TEXT    NOT NULL,
            epoch      INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS nonce_reservations (
            signer      TEXT    PRIMARY KEY,
            nonce       INTEGER NOT NULL,
            epoch       INTEGER NOT NULL,
            reserved_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS events (
            id               INTEGER PRIMARY KEY,
            block_number     INTEGER NOT NULL,
            block_hash       TEXT    NOT NULL,
            tx_hash          TEXT    NOT NULL,
            log_index        INTEGER NOT NULL,
            block_time       INTEGER NOT NULL,
            name             TEXT    NOT NULL,
            record_id        BLOB,
            grant_id         INTEGER,
            department       INTEGER,
            other_department INTEGER,
            data             TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS events_by_record ON events (record_id) WHERE record_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS events_by_department ON events (department) WHERE department IS NOT NULL;
        CREATE INDEX IF NOT EXISTS events_by_other_department ON events (other_department) WHERE other_department IS NOT NULL;
        CREATE INDEX IF NOT EXISTS events_by_block ON events (block_number);
        CREATE INDEX IF NOT EXISTS events_by_name ON events (name, block_number, log_index);
        CREATE TABLE IF NOT EXISTS grants (
            id            INTEGER PRIMARY KEY,
            record_id     BLOB    NOT NULL,
            grantor       INTEGER NOT NULL,
            subject       TEXT,
            grantee       INTEGER NOT NULL,
            purpose       INTEGER NOT NULL,
            expires_at    INTEGER NOT NULL,
            basis         INTEGER NOT NULL,
            legal_basis   BLOB    NOT NULL,
            block_number  INTEGER NOT NULL,
            tx_hash       TEXT    NOT NULL,
            revoked_block INTEGER
        );
        CREATE INDEX IF NOT EXISTS grants_by_record ON grants (record_id);
        CREATE INDEX IF NOT EXISTS grants_by_grantee ON grants (grantee);
        CREATE INDEX IF NOT EXISTS grants_by_grantor ON grants (grantor);
        CREATE TABLE IF NOT EXISTS deployment_binding (
            id           INTEGER PRIMARY KEY CHECK (id = 1),
            chain_id     INTEGER NOT NULL,
            registry     TEXT    NOT NULL,
            genesis_hash TEXT    NOT NULL,
            bound_at     INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS document_changes (
            id                    INTEGER PRIMARY KEY,
            department            INTEGER NOT NULL,
            digest                BLOB    NOT NULL,
            kind                  INTEGER NOT NULL,
            reason                INTEGER NOT NULL DEFAULT 0,
            successor             BLOB,
            successor_valid_until INTEGER NOT NULL DEFAULT 0,
            state                 INTEGER NOT NULL,
            error                 TEXT,
            recorded_at           INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS served_departments (
            code            TEXT    PRIMARY KEY,
            first_served_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS retired_batches (
            id           INTEGER NOT NULL,
            registry     TEXT    NOT NULL,
            genesis_hash TEXT    NOT NULL,
            root         BLOB    NOT NULL,
            members      BLOB    NOT NULL,
            state        INTEGER NOT NULL,
            tx_hash      TEXT,
            block_number INTEGER,
            block_hash   TEXT,
            retired_at   INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS records (
            id           INTEGER PRIMARY KEY,
            digest       BLOB    NOT NULL UNIQUE,
            department   INTEGER NOT NULL,
            kind         TEXT,
            kind_id      BLOB,
            media_type   TEXT    NOT NULL,
            subject      BLOB,
            subject_salt BLOB,
            person_key   BLOB,
            origin       TEXT    NOT NULL,
            exchange_id  TEXT,
            retain_until INTEGER,
            created_at   INTEGER NOT NULL,
            erased_at    INTEGER,
            size         INTEGER NOT NULL,
            content      BLOB
        );
        CREATE INDEX IF NOT EXISTS records_by_person ON records (person_key, kind_id) WHERE person_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS records_by_department ON records (department, id);
        CREATE INDEX IF NOT EXISTS records_to_erase ON records (retain_until) WHERE retain_until IS NOT NULL AND erased_at IS NULL;
        CREATE TABLE IF NOT EXISTS releases (
            id              INTEGER PRIMARY KEY,
            entry_hash      BLOB    NOT NULL UNIQUE,
            request_id      BLOB    NOT NULL,
            grant_id        TEXT    NOT NULL,
            record_id       BLOB    NOT NULL,
            holder          INTEGER NOT NULL,
            grantee         INTEGER NOT NULL,
            query_digest    BLOB,
            log_root        BLOB    NOT NULL,
            log_block       INTEGER NOT NULL,
            content_digest  BLOB    NOT NULL,
            media_type      TEXT    NOT NULL,
            enc             BLOB    NOT NULL,
            ciphertext      BLOB    NOT NULL,
            released_at     INTEGER NOT NULL,
            acknowledged_at INTEGER,
            UNIQUE (grantee, request_id)
        );
        CREATE INDEX IF NOT EXISTS releases_by_grant ON releases (grant_id);
        CREATE TABLE IF NOT EXISTS release_fetches (
            grant_id TEXT    PRIMARY KEY,
            fetches  INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS releases_by_record ON releases (record_id);
        CREATE TABLE IF NOT EXISTS exchanges (
            id                INTEGER PRIMARY KEY,
            department        INTEGER NOT NULL,
            grant_id          TEXT    NOT NULL,
            record_id         BLOB    NOT NULL,
            holder            INTEGER NOT NULL,
            sealed_query      BLOB,
            query_digest      BLOB,
            request_id        BLOB    NOT NULL UNIQUE,
            entry_hash        BLOB    NOT NULL,
            state             INTEGER NOT NULL,
            reason            TEXT,
            detail            TEXT,
            attempts          INTEGER NOT NULL DEFAULT 0,
            next_attempt_at   INTEGER NOT NULL,
            log_batch         INTEGER,
            log_root          BLOB,
            log_proof         BLOB,
            log_tx            TEXT,
            log_block         INTEGER,
            content_digest    BLOB,
            media_type        TEXT,
            grant_use         INTEGER NOT NULL,
            retention_days    INTEGER NOT NULL,
            retain_until      INTEGER,
            content_served_at INTEGER,
            receipt_sent_at   INTEGER,
            created_at        INTEGER NOT NULL,
            updated_at        INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS exchanges_unbatched ON exchanges (id) WHERE state = 0 AND log_batch IS NULL;
        CREATE INDEX IF NOT EXISTS exchanges_due ON exchanges (next_attempt_at) WHERE state IN (1, 2, 3);
        CREATE INDEX IF NOT EXISTS exchanges_by_batch ON exchanges (log_batch) WHERE log_batch IS NOT NULL;
        CREATE INDEX IF NOT EXISTS exchanges_by_department ON exchanges (department, id);
        CREATE TABLE IF NOT EXISTS access_log_batches (
            id              INTEGER PRIMARY KEY,
            department      INTEGER NOT NULL,
            root            BLOB    NOT NULL,
            entries         BLOB    NOT NULL,
            state           INTEGER NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            error           TEXT,
            next_attempt_at INTEGER NOT NULL,
            tx_hash         TEXT,
            block_number    INTEGER,
            created_at      INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS access_log_batches_by_root ON access_log_batches (root);
        CREATE TABLE IF NOT EXISTS erasure_notices (
            id                INTEGER PRIMARY KEY,
            record_id         BLOB    NOT NULL,
            holder            INTEGER NOT NULL,
            grantee           INTEGER NOT NULL,
            erased_at         INTEGER NOT NULL,
            state             INTEGER NOT NULL,
            attempts          INTEGER NOT NULL DEFAULT 0,
            next_attempt_at   INTEGER NOT NULL,
            error             TEXT,
            answered_at       INTEGER,
            grantee_erased_at INTEGER,
            created_at        INTEGER NOT NULL,
            UNIQUE (record_id, grantee)
        );
        CREATE INDEX IF NOT EXISTS erasure_notices_due ON erasure_notices (next_attempt_at) WHERE state = 0;
        CREATE TABLE IF NOT EXISTS received_erasures (
            id               INTEGER PRIMARY KEY,
            record_id        BLOB    NOT NULL,
            holder           INTEGER NOT NULL,
            grantee          INTEGER NOT NULL,
            holder_erased_at INTEGER NOT NULL,
            erased_at        INTEGER NOT NULL,
            request_ids      BLOB    NOT NULL,
            UNIQUE (record_id, holder, grantee)
        );
        CREATE TABLE IF NOT EXISTS exchange_erasures (
            exchange_id INTEGER PRIMARY KEY,
            cause       TEXT    NOT NULL,
            erased_at   INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS exchanges_by_holder_record ON exchanges (department, holder, record_id);
        CREATE INDEX IF NOT EXISTS records_by_exchange ON records (exchange_id) WHERE exchange_id IS NOT NULL;
        -- The worker's two queues, without the verified exchanges that exchanges_due also holds (every one, for good):
        -- without these, each round of the worker reads every exchange the node has ever verified.
        CREATE INDEX IF NOT EXISTS exchanges_steps_due ON exchanges (next_attempt_at, id) WHERE state IN (1, 2);
        CREATE INDEX IF NOT EXISTS exchanges_receipts_due ON exchanges (id) WHERE state = 3 AND receipt_sent_at IS NULL;
        -- Clerks' accounts (ethgov staff): stamp moves on a password change or when disabled, which ends older sessions.
        CREATE TABLE IF NOT EXISTS staff_accounts (
            id                   INTEGER PRIMARY KEY,
            name                 TEXT    NOT NULL UNIQUE COLLATE NOCASE,
            department           TEXT    NOT NULL,
            roles                TEXT    NOT NULL,
            password_hash        TEXT    NOT NULL,
            must_change_password INTEGER NOT NULL DEFAULT 1,
            stamp                INTEGER NOT NULL DEFAULT 0,
            failed_sign_ins      INTEGER NOT NULL DEFAULT 0,
            locked_until         INTEGER,
            disabled_at          INTEGER,
            created_at           INTEGER NOT NULL,
            password_changed_at  INTEGER,
            last_sign_in_at      INTEGER,
            oidc_issuer          TEXT,
            oidc_subject         TEXT
        );
        -- Names are found without regard to case by lower(name) (ASCII names): SQLite's NOCASE above, written so PostgreSQL,
        -- which has no NOCASE, keeps the same rule.
        CREATE UNIQUE INDEX IF NOT EXISTS staff_accounts_by_name ON staff_accounts (lower(name));
        CREATE TABLE IF NOT EXISTS staff_audit (
            id         INTEGER PRIMARY KEY,
            at         INTEGER NOT NULL,
            name       TEXT    NOT NULL,
            department TEXT    NOT NULL,
            action     TEXT    NOT NULL,
            target     TEXT
        );
        CREATE INDEX IF NOT EXISTS staff_audit_by_department ON staff_audit (department, id);
        CREATE TABLE IF NOT EXISTS change_requests (
            id                INTEGER PRIMARY KEY,
            department        TEXT    NOT NULL,
            kind              TEXT    NOT NULL,
            digest            BLOB    NOT NULL,
            reason            INTEGER,
            new_digest        BLOB,
            valid_until       INTEGER,
            note              TEXT,
            requested_by      TEXT    NOT NULL,
            requester_account INTEGER,
            requested_at      INTEGER NOT NULL,
            state             TEXT    NOT NULL,
            decided_by        TEXT,
            decided_at        INTEGER,
            transaction_hash  TEXT,
            error             TEXT
        );
        CREATE INDEX IF NOT EXISTS change_requests_by_department ON change_requests (department, state, id);
        -- Grant requests between departments (docs/exchange.md, "Asking for a grant"): a requester's outgoing copy and a
        -- holder's incoming copy of one request, matched by request_id; notify is 1 while the other node must be told.
        CREATE TABLE IF NOT EXISTS grant_requests (
            id               INTEGER PRIMARY KEY,
            request_id       TEXT    NOT NULL,
            direction        TEXT    NOT NULL,
            requester        INTEGER NOT NULL,
            requester_code   TEXT    NOT NULL,
            holder           INTEGER NOT NULL,
            holder_code      TEXT    NOT NULL,
            record_id        BLOB,
            kind             TEXT,
            purpose          INTEGER NOT NULL,
            expires_at       INTEGER NOT NULL,
            legal_basis      TEXT    NOT NULL,
            terms            TEXT,
            note             TEXT,
            state            TEXT    NOT NULL,
            requested_by     TEXT    NOT NULL,
            requested_at     INTEGER NOT NULL,
            decided_by       TEXT,
            decided_at       INTEGER,
            reason           TEXT,
            grant_id         TEXT,
            transaction_hash TEXT,
            notify           INTEGER NOT NULL DEFAULT 0,
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_at  INTEGER NOT NULL DEFAULT 0,
            error            TEXT,
            UNIQUE (request_id, direction)
        );
        CREATE INDEX IF NOT EXISTS grant_requests_by_direction ON grant_requests (direction, requester, holder, state, id);
        CREATE INDEX IF NOT EXISTS grant_requests_due ON grant_requests (next_attempt_at) WHERE notify = 1;
        -- Citizens' passkeys (docs/security.md, "Passkey consent"): one-time registration codes, stored as SHA-256, and the
        -- binding of a record to the passkey registered with one; nothing of either goes on chain. One live binding a record.
        CREATE TABLE IF NOT EXISTS passkey_codes (
            id         INTEGER PRIMARY KEY,
            code_hash  BLOB    NOT NULL UNIQUE,
            record_id  BLOB    NOT NULL,
            department INTEGER NOT NULL,
            role       TEXT    NOT NULL,
            challenge  BLOB,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at    INTEGER
        );
        CREATE TABLE IF NOT EXISTS passkey_bindings (
            id            INTEGER PRIMARY KEY,
            record_id     BLOB    NOT NULL,
            department    INTEGER NOT NULL,
            passkey_id    BLOB    NOT NULL,
            x             BLOB    NOT NULL,
            y             BLOB    NOT NULL,
            credential_id BLOB    NOT NULL,
            role          TEXT    NOT NULL,
            code_id       INTEGER NOT NULL,
            bound_at      INTEGER NOT NULL,
            revoked_at    INTEGER
        );
        CREATE UNIQUE INDEX IF NOT EXISTS passkey_bindings_live ON passkey_bindings (record_id) WHERE revoked_at IS NULL;
        -- A citizen's sign-in finds the binding by credential id, "My data" the bindings by passkey id.
        CREATE INDEX IF NOT EXISTS passkey_bindings_by_credential ON passkey_bindings (credential_id) WHERE revoked_at IS NULL;
        CREATE INDEX IF NOT EXISTS passkey_bindings_by_passkey ON passkey_bindings (passkey_id) WHERE revoked_at IS NULL;
        -- Consent requests: what a department asks a record's passkey to consent to, reached by a link whose token is
        -- stored as SHA-256; the grant id once the chain recorded the consent.
        CREATE TABLE IF NOT EXISTS consent_requests (
            id             INTEGER PRIMARY KEY,
            token_hash     BLOB    NOT NULL UNIQUE,
            record_id      BLOB    NOT NULL,
            department     INTEGER NOT NULL,
            grantee        INTEGER NOT NULL,
            purpose        INTEGER NOT NULL,
            expires_at     INTEGER NOT NULL,
            grant_use      INTEGER NOT NULL,
            retention_days INTEGER NOT NULL,
            max_fetches    INTEGER NOT NULL,
            revocable_by   INTEGER NOT NULL,
            valid_until    INTEGER NOT NULL,
            created_at     INTEGER NOT NULL,
            deadline       INTEGER,
            grant_id       TEXT,
            granted_at     INTEGER,
            revoked_at     INTEGER
        );
        -- Clerks' bulk jobs (a folder, a ZIP, a CSV of digests) and the items each received, so a page reloaded mid-way
        -- resumes with what is missing; an item is a job's once (the unique index), so a chunk sent twice counts once.
        CREATE TABLE IF NOT EXISTS bulk_jobs (
            id         INTEGER PRIMARY KEY,
            department TEXT    NOT NULL,
            owner      TEXT    NOT NULL,
            kind       TEXT    NOT NULL,
            name       TEXT,
            total      INTEGER NOT NULL,
            received   INTEGER NOT NULL DEFAULT 0,
            accepted   INTEGER NOT NULL DEFAULT 0,
            failed     INTEGER NOT NULL DEFAULT 0,
            state      TEXT    NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS bulk_jobs_by_department ON bulk_jobs (department, state, id);
        CREATE TABLE IF NOT EXISTS bulk_job_items (
            id        INTEGER PRIMARY KEY,
            job_id    INTEGER NOT NULL,
            digest    BLOB    NOT NULL,
            file_name TEXT,
            outcome   TEXT    NOT NULL,
            error     TEXT
        );
        CREATE UNIQUE INDEX IF NOT EXISTS bulk_job_items_by_job ON bulk_job_items (job_id, digest);
        -- A citizen signs in with a passkey bound here: a sign-in challenge (SHA-256 of it), used once, and the session it
        -- opens (SHA-256 of the cookie's token) for that passkey; neither grants a staff scope.
        CREATE TABLE IF NOT EXISTS citizen_challenges (
            id             INTEGER PRIMARY KEY,
            challenge_hash BLOB    NOT NULL UNIQUE,
            created_at     INTEGER NOT NULL,
            expires_at     INTEGER NOT NULL,
            used_at        INTEGER
        );
        -- The key ring that seals clerks' session cookies, antiforgery tokens and sign-in correlation (ASP.NET Core Data
        -- Protection's XML elements: keys and revocations), one for every replica of the node. Secret: never answered or logged.
        CREATE TABLE IF NOT EXISTS session_keys (
            id         INTEGER PRIMARY KEY,
            name       TEXT    NOT NULL,
            element    TEXT    NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS citizen_sessions (
            id         INTEGER PRIMARY KEY,
            token_hash BLOB    NOT NULL UNIQUE,
            passkey_id BLOB    NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        );
        """;

    // Keys made before scopes existed could do everything a key could; they keep exactly that (and no more), so an
    // upgrade neither breaks a running client nor widens a key. `ethgov apikey list` shows them for review.
    private const string LegacyKeyScopes = "anchor,revoke,grants,governance";

    /// <summary>
    /// Columns added after a table was first created: data directories from before them get them at start. In batches,
    /// registry and issuer are set for the batches anchored in the registry 1.x a migrated deployment took over from
    /// (its address, and the department's id there, which their receipts name); null for the deployment's own registry.
    /// </summary>
    private static readonly (string Table, string Column, string Definition)[] s_addedColumns =
    [
        ("api_keys", "scopes", $"TEXT NOT NULL DEFAULT '{LegacyKeyScopes}'"),
        ("api_keys", "rotated_at", "INTEGER"),
        ("api_keys", "revoked_at", "INTEGER"),
        ("api_keys", "last_used_at", "INTEGER"),
        ("batches", "registry", "TEXT"),
        // Which process of a node inserted the row, on PostgreSQL (the replicas' sync skips its own); NULL on SQLite.
        ("documents", "writer", "INTEGER"),
        ("batches", "issuer", "INTEGER"),
        ("releases", "log_proof", "BLOB"),
        ("staff_accounts", "oidc_issuer", "TEXT"),
        ("staff_accounts", "oidc_subject", "TEXT"),
    ];

    /// <summary>
    /// Columns of random bytes (a batch's members are its digests, 32 bytes each), which do not compress: where the store
    /// would try (PostgreSQL compresses a large BYTEA with pglz), they are stored as they are. A profile of a node on
    /// PostgreSQL taking requests of 1,000 digests had half of the batcher's database backend in pglz, and the replicas'
    /// sync reading each batch back in its decompression.
    /// </summary>
    private static readonly (string Table, string Column)[] s_uncompressedColumns = [("batches", "members"), ("retired_batches", "members")];

    // Made by the dialect's ApiKeyTriggersSql.
    private static readonly string[] s_apiKeyTriggers = ["api_keys_inserted", "api_keys_changed", "api_keys_deleted"];

    /// <summary>
    /// What CREATE TABLE IF NOT EXISTS cannot do: add the columns that tables made by an older version lack, and the
    /// triggers over them; in <paramref name="transaction"/>, the one that created the tables.
    /// </summary>
    public static void Complete(DbConnection connection, DbTransaction transaction, StoreDialect dialect)
    {
        foreach (var (table, column, definition) in s_addedColumns)
        {
            if (Count(connection, transaction, dialect.CountColumnsSql, table, column) == 0)
            {
                Database.Execute(connection, dialect.Ddl($"ALTER TABLE {table} ADD COLUMN {column} {definition}"), transaction);
            }
        }

        foreach (var (table, column) in s_uncompressedColumns)
        {
            if (dialect.StoreUncompressedSql(table, column) is { } sql && Count(connection, transaction, dialect.CountCompressedColumnsSql, table, column) > 0)
            {
                Database.Execute(connection, sql, transaction);
            }
        }

        // A person at the department's OpenID Connect provider (issuer and subject) signs in as at most one clerk. Made
        // here rather than in Sql, since the columns it covers may have been added just above.
        Database.Execute(connection, dialect.Ddl(
            "CREATE UNIQUE INDEX IF NOT EXISTS staff_accounts_by_oidc ON staff_accounts (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL"), transaction);

        // The API polls api_key_changes.version to see revocations and rotations within a second; last_used_at is
        // left out so that the API's own writes do not wake it.
        Database.Execute(connection, "INSERT INTO api_key_changes (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;", transaction);
        Database.Execute(connection, dialect.ApiKeyTriggersSql, transaction);
    }

    /// <summary>
    /// Whether every table, index, added column and trigger of this version exists already, read from the catalog without
    /// a lock: PostgreSQL takes table locks for CREATE INDEX IF NOT EXISTS and CREATE OR REPLACE TRIGGER even when there is
    /// nothing to do, so a CLI command (or a second process) migrating beside a running node would deadlock with its writes.
    /// </summary>
    public static bool IsCurrent(DbConnection connection, StoreDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return TableNames().All(table => Count(connection, null, dialect.CountTablesSql, table, null) > 0)
            && IndexNames().Append("staff_accounts_by_oidc").All(index => Count(connection, null, dialect.CountIndexesSql, index, null) > 0)
            && s_addedColumns.All(added => Count(connection, null, dialect.CountColumnsSql, added.Table, added.Column) > 0)
            && s_uncompressedColumns.All(stored => Count(connection, null, dialect.CountCompressedColumnsSql, stored.Table, stored.Column) == 0)
            && s_apiKeyTriggers.All(trigger => Count(connection, null, dialect.CountTriggersSql, trigger, null) > 0);
    }

    private static IEnumerable<string> TableNames()
        => System.Text.RegularExpressions.Regex.Matches(Sql, @"CREATE TABLE IF NOT EXISTS (\w+)").Select(m => m.Groups[1].Value);

    private static IEnumerable<string> IndexNames()
        => System.Text.RegularExpressions.Regex.Matches(Sql, @"CREATE (?:UNIQUE )?INDEX IF NOT EXISTS (\w+)").Select(m => m.Groups[1].Value);

    private static long Count(DbConnection connection, DbTransaction? transaction, string sql, string table, string? column)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@table", table);
        if (column is not null)
        {
            command.Parameters.AddWithValue("@column", column);
        }

        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
