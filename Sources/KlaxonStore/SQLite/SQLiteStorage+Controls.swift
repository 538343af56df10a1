import Foundation
import GRDB
import KlaxonCore

// The operator-facing state: the global mute (a row of `settings`), silences, and the audit log.

// MARK: - MuteStore
extension SQLiteStorage {
    static let mutedUntilKey = "muted_until"

    package func muteState() async throws -> MuteState {
        try await read(.muteState) { db in try Self.fetchMute(db) }
    }

    static func fetchMute(_ db: Database) throws -> MuteState {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT value, updated_by, updated_at FROM settings WHERE key = ?"),
                                         arguments: [Self.mutedUntilKey])
        else { return MuteState(value: nil) }
        return MuteState(
            value: row["value"], by: row["updated_by"],
            at: (row["updated_at"] as Int64?).map { StoredTime.date(milliseconds: $0) }
        )
    }

    package func setMutedUntil(_ unixSeconds: Int64, by: String, at: Date) async throws {
        try await write(.setMutedUntil) { db in try Self.writeMute(unixSeconds, by: by, at: at, db) }
    }

    package func setMutedUntil(_ unixSeconds: Int64, by: String, at: Date, audit: AuditEntry) async throws {
        let encoded = [(audit, try StoreCoding.encodeText(audit.detail, operation: .setMutedUntil))]
        try await write(.setMutedUntil) { db in
            try Self.writeMute(unixSeconds, by: by, at: at, db)
            try Self.insertAudit(encoded, db)
        }
    }

    private static func writeMute(_ unixSeconds: Int64, by: String, at: Date, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, arguments: [mutedUntilKey, String(unixSeconds), by, StoredTime.milliseconds(at)])
    }
}

// MARK: - SilenceStore
extension SQLiteStorage {
    /// Adds a silence, or replaces the one with the same id (keeping its place in the order).
    package func addSilence(_ silence: Silence) async throws {
        let matchers = try StoreCoding.encodeText(silence.matchers, operation: .addSilence)
        try await write(.addSilence) { db in try Self.writeSilence(silence, matchers: matchers, db) }
    }

    package func addSilence(_ silence: Silence, audit: AuditEntry) async throws {
        let matchers = try StoreCoding.encodeText(silence.matchers, operation: .addSilence)
        let encoded = [(audit, try StoreCoding.encodeText(audit.detail, operation: .addSilence))]
        try await write(.addSilence) { db in
            try Self.writeSilence(silence, matchers: matchers, db)
            try Self.insertAudit(encoded, db)
        }
    }

    private static func writeSilence(_ silence: Silence, matchers: String, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO silences (id, matchers, starts_at, ends_at, created_by, comment) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET matchers = excluded.matchers, starts_at = excluded.starts_at,
                ends_at = excluded.ends_at, created_by = excluded.created_by, comment = excluded.comment
            """, arguments: [silence.id, matchers, StoredTime.milliseconds(silence.startsAt),
                             StoredTime.milliseconds(silence.endsAt), silence.createdBy, silence.comment])
    }

    /// Sets the end to `at` (an already ended silence keeps its earlier end).
    package func expireSilence(id: String, at: Date) async throws -> Bool {
        let now = StoredTime.milliseconds(at)
        return try await write(.expireSilence) { db in
            try db.execute(sql: "UPDATE silences SET ends_at = MIN(ends_at, ?) WHERE id = ?", arguments: [now, id])
            return db.changesCount > 0
        }
    }

    /// `starts_at <= now < ends_at`, in the order they were added.
    package func activeSilences(at now: Date) async throws -> [Silence] {
        let nowMs = StoredTime.milliseconds(now)
        return try await read(.activeSilences) { db in try Self.fetchActiveSilences(nowMs, db) }
    }

    static func fetchActiveSilences(_ nowMs: Int64, _ db: Database) throws -> [Silence] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, matchers, starts_at, ends_at, created_by, comment FROM silences
            WHERE starts_at <= ? AND ends_at > ? ORDER BY seq
            """), arguments: [nowMs, nowMs]).map { try Self.silence(from: $0, operation: .activeSilences) }
    }

    /// Most recently added first.
    package func allSilences(limit: Int) async throws -> [Silence] {
        try await read(.allSilences) { db in
            try Row.fetchAll(db, sql: """
                SELECT id, matchers, starts_at, ends_at, created_by, comment FROM silences ORDER BY seq DESC LIMIT ?
                """, arguments: [limit]).map { try Self.silence(from: $0, operation: .allSilences) }
        }
    }

    static func silence(from row: Row, operation: StoreOperation) throws -> Silence {
        Silence(
            id: row["id"], matchers: try StoreCoding.decode([Matcher].self, fromText: row["matchers"], operation: operation),
            startsAt: StoredTime.date(milliseconds: row["starts_at"]), endsAt: StoredTime.date(milliseconds: row["ends_at"]),
            createdBy: row["created_by"], comment: row["comment"]
        )
    }
}

// MARK: - AuditLog
extension SQLiteStorage {
    package func appendAudit(_ entries: [AuditEntry]) async throws {
        if entries.isEmpty { return }
        let encoded = try entries.map { ($0, try StoreCoding.encodeText($0.detail, operation: .appendAudit)) }
        try await write(.appendAudit) { db in try Self.insertAudit(encoded, db) }
    }

    /// Newest (`at`) first; entries with the same time, last appended first.
    package func recentAudit(limit: Int) async throws -> [AuditEntry] {
        try await read(.recentAudit) { db in
            try Row.fetchAll(db, sql: """
                SELECT at, step, fingerprint, actor, detail FROM audit ORDER BY at DESC, id DESC LIMIT ?
                """, arguments: [limit]).map { row in
                AuditEntry(
                    at: StoredTime.date(milliseconds: row["at"]), step: row["step"], fingerprint: row["fingerprint"],
                    actor: row["actor"],
                    detail: try StoreCoding.decode([String: String].self, fromText: row["detail"], operation: .recentAudit)
                )
            }
        }
    }

    /// Inserts audit rows (inside the caller's transaction); `detail` already encoded.
    static func insertAudit(_ entries: [(AuditEntry, String)], _ db: Database) throws {
        if entries.isEmpty { return }
        let statement = try RawStatement(db, sql: "INSERT INTO audit (at, step, fingerprint, actor, detail) VALUES (?, ?, ?, ?, ?)")
        for (entry, detail) in entries {
            statement.bind(StoredTime.milliseconds(entry.at), at: 1)
            statement.bind(entry.step, at: 2)
            statement.bind(entry.fingerprint, at: 3)
            statement.bind(entry.actor, at: 4)
            statement.bind(detail, at: 5)
            try statement.run()
        }
    }
}
