import GRDB

/// The SQLite schema as a list of versioned migrations (`v1`, `v2`, …), applied in order by GRDB's
/// `DatabaseMigrator` when a `SQLiteStorage` opens a file. A migration, once released, never
/// changes: a schema change is a new migration.
///
/// Dates are INTEGER milliseconds since the Unix epoch (see ``StoredTime``); JSON columns are TEXT.
package enum StoreSchema {
    /// Every migration, oldest first.
    package static let migrationNames = ["v1", "v2", "v3", "v4-notify", "v4-github", "v5-outbox-key"]

    /// The migrator with every migration registered.
    package static var migrator: DatabaseMigrator { migrator(upTo: migrationNames.last!) }

    /// A migrator holding only the migrations up to and including `last` (to build an old
    /// database in upgrade tests).
    package static func migrator(upTo last: String) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        let all: [(String, @Sendable (Database) throws -> Void)] = [("v1", v1), ("v2", v2), ("v3", v3), ("v4-notify", v4Notify), ("v4-github", v4GitHub), ("v5-outbox-key", v5OutboxKey)]
        for (name, migrate) in all {
            migrator.registerMigration(name, migrate: migrate)
            if name == last { break }
        }
        return migrator
    }

    /// v1: the core tables.
    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE inbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                body BLOB NOT NULL,
                received_at INTEGER NOT NULL,
                request_id TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT
            );
            CREATE TABLE alert_records (
                fingerprint TEXT PRIMARY KEY NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
                source TEXT NOT NULL,
                title TEXT NOT NULL,
                priority TEXT NOT NULL,
                teams TEXT NOT NULL,
                occurrences INTEGER NOT NULL CHECK (occurrences >= 0),
                notifications INTEGER NOT NULL CHECK (notifications >= 0),
                last_action TEXT,
                last_provider_state_at INTEGER NOT NULL,
                first_seen_at INTEGER NOT NULL,
                last_seen_at INTEGER NOT NULL,
                manually_closed INTEGER NOT NULL DEFAULT 0,
                manually_closed_at INTEGER,
                external_ref TEXT,
                firing_delivered INTEGER NOT NULL DEFAULT 0,
                alert TEXT NOT NULL
            );
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                idempotency_key TEXT NOT NULL UNIQUE,
                receiver TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                action TEXT NOT NULL,
                delivery TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                last_error TEXT,
                delivered_at INTEGER,
                dead_at INTEGER
            );
            CREATE TABLE dead_letters (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL CHECK (kind IN ('payload', 'delivery')),
                origin TEXT NOT NULL,
                error TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                body BLOB NOT NULL,
                request_id TEXT,
                received_at INTEGER
            );
            CREATE TABLE settings (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT,
                updated_by TEXT,
                updated_at INTEGER
            );
            CREATE TABLE silences (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                matchers TEXT NOT NULL,
                starts_at INTEGER NOT NULL,
                ends_at INTEGER NOT NULL,
                created_by TEXT NOT NULL,
                comment TEXT NOT NULL
            );
            CREATE TABLE audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                step TEXT NOT NULL,
                fingerprint TEXT,
                actor TEXT,
                detail TEXT NOT NULL
            );
            CREATE INDEX audit_at ON audit(at);
            """)
    }

    /// v2: access paths that v1 lacked once the notification log grew. A partial index over the
    /// deliveries still waiting (the kept log grows; the dispatcher's due scan must not), an index
    /// for "most recently seen" listings, and `inbox.last_failed_at` so `klaxon dlq`/`status` can
    /// show when a payload last failed to process.
    private static func v2(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE inbox ADD COLUMN last_failed_at INTEGER;
            CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
            CREATE INDEX alert_records_last_seen ON alert_records(last_seen_at);
            """)
    }

    /// v3: deliveries wait behind an earlier one of the same fingerprint to the same receiver
    /// that is waiting for a retry, so a receiver hears one alert's story in order (also across
    /// restarts) and a held delivery never occupies the dispatcher's due window. Only a delivery
    /// that has failed (`attempts > 0`) can be waiting for a later time, so the index covers just
    /// those rows and costs nothing on the common path.
    private static func v3(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX outbox_retrying ON outbox(receiver, fingerprint, id)
                WHERE attempts > 0 AND delivered_at IS NULL AND dead_at IS NULL;
            """)
    }

    /// v4-github: the GitHub issue opened for each occurrence of an alert per receiver, with the
    /// recurrences waiting for the next comment (see `IssueLinkStore`).
    private static func v4GitHub(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE github_issues (
                receiver TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                occurrence INTEGER NOT NULL,
                number INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                last_comment_at INTEGER,
                pending_recurrences INTEGER NOT NULL DEFAULT 0,
                last_sequence INTEGER NOT NULL DEFAULT 1,
                closed_by_klaxon INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (receiver, fingerprint, occurrence)
            );
            CREATE INDEX github_issues_number ON github_issues(receiver, number);
            """)
    }

    /// v4-notify: the chat messages notifiers posted, so a RESOLVED can edit the original message
    /// in place (Discord message id, Slack channel + ts). One row per receiver, fingerprint and
    /// occurrence; see ``MessageRefStore``.
    private static func v4Notify(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE message_refs (
                receiver TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                occurrence INTEGER NOT NULL,
                ref TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (receiver, fingerprint, occurrence)
            ) WITHOUT ROWID;
            """)
    }

    /// v5-outbox-key: the outbox without its unique idempotency key. The key's B-tree was ordered
    /// by fingerprint, a random text, so every queued delivery dirtied one of its leaf pages:
    /// a page written to the WAL and again by the checkpoint, ~5 KB per alert in the intake
    /// benchmark. What makes a key unique is the record's counters (occurrence, notifications),
    /// committed in the same transaction as the delivery and the inbox acknowledgement (ADR 0055).
    /// SQLite cannot drop a column's UNIQUE constraint, so the table is rebuilt, ids and rows kept.
    private static func v5OutboxKey(_ db: Database) throws {
        // AUTOINCREMENT: ids are never reused, also not those the old table handed out.
        let lastId = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'") ?? 0
        try db.execute(sql: """
            CREATE TABLE outbox_v5 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                receiver TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                action TEXT NOT NULL,
                delivery TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                last_error TEXT,
                delivered_at INTEGER,
                dead_at INTEGER
            );
            INSERT INTO outbox_v5 (id, receiver, fingerprint, action, delivery, created_at, attempts, next_attempt_at, last_error, delivered_at, dead_at)
                SELECT id, receiver, fingerprint, action, delivery, created_at, attempts, next_attempt_at, last_error, delivered_at, dead_at FROM outbox;
            DROP TABLE outbox;
            ALTER TABLE outbox_v5 RENAME TO outbox;
            CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
            CREATE INDEX outbox_retrying ON outbox(receiver, fingerprint, id)
                WHERE attempts > 0 AND delivered_at IS NULL AND dead_at IS NULL;
            """)
        try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = 'outbox'")
        try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', MAX(?, COALESCE((SELECT MAX(id) FROM outbox), 0)))", arguments: [lastId])
    }
}
