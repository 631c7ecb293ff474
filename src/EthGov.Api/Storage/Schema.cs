namespace EthGov.Api.Storage;

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
            id          INTEGER PRIMARY KEY,
            key_hash    BLOB    NOT NULL UNIQUE,
            department  TEXT    NOT NULL,
            created_at  INTEGER NOT NULL,
            revoked     INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS index_checkpoint (
            id           INTEGER PRIMARY KEY CHECK (id = 1),
            genesis_hash TEXT    NOT NULL,
            block_number INTEGER NOT NULL,
            block_hash   TEXT    NOT NULL
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
        """;

    /// <summary>
    /// Columns added after a table was first created: data directories from before them get them at start. In batches,
    /// registry and issuer are set for the batches anchored in the registry 1.x a migrated deployment took over from
    /// (its address, and the department's id there, which their receipts name); null for the deployment's own registry.
    /// </summary>
    public static readonly (string Table, string Column, string Type)[] AddedColumns =
    [
        ("batches", "registry", "TEXT"),
        ("batches", "issuer", "INTEGER"),
    ];
}
