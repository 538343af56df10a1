import Foundation
import GRDB
import KlaxonCore

// MARK: - AlertStateStore
extension SQLiteStorage {
    static let recordColumns = """
        fingerprint, status, source, title, priority, teams, occurrences, notifications, last_action,
        last_provider_state_at, first_seen_at, last_seen_at, manually_closed, manually_closed_at,
        external_ref, firing_delivered, alert
        """

    package func records(fingerprints: [String]) async throws -> [String: AlertRecord] {
        if fingerprints.isEmpty { return [:] }
        return try await read(.records) { db in try Self.fetchRecords(fingerprints, db) }
    }

    static func fetchRecords(_ fingerprints: [String], _ db: Database) throws -> [String: AlertRecord] {
        var found: [String: AlertRecord] = [:]
        let statement = try RawStatement(db, sql: "SELECT \(Self.recordColumns) FROM alert_records WHERE fingerprint = ?")
        for fingerprint in Set(fingerprints) {
            statement.bind(fingerprint, at: 1)
            try statement.forEachRow { row in found[fingerprint] = try Self.record(from: row, operation: .records) }
        }
        return found
    }

    /// The three reads in one hop, on a reader connection: the processor decides its next pass
    /// while the writer commits the last one (`Processor.decide(after:)`), so this must not queue
    /// behind that commit. A reader reads the pages the writer changed back from the OS cache.
    package func decisionSnapshot(fingerprints: [String], at now: Date) async throws -> DecisionSnapshot {
        let nowMs = StoredTime.milliseconds(now)
        return try await read(.records) { db in
            let records = try Self.fetchRecords(fingerprints, db)
            let mute: Result<MuteState, any Error>
            do { mute = .success(try Self.fetchMute(db)) } catch { mute = .failure(self.storeError(error, operation: .muteState)) }
            let silences: Result<[Silence], any Error>
            do { silences = .success(try Self.fetchActiveSilences(nowMs, db)) } catch {
                silences = .failure(self.storeError(error, operation: .activeSilences))
            }
            return DecisionSnapshot(records: records, mute: mute, silences: silences)
        }
    }

    /// Most recently seen first; ties by fingerprint.
    package func allRecords(limit: Int) async throws -> [AlertRecord] {
        try await read(.allRecords) { db in
            let statement = try RawStatement(db, sql: """
                SELECT \(Self.recordColumns) FROM alert_records ORDER BY last_seen_at DESC, fingerprint LIMIT ?
                """)
            statement.bind(limit, at: 1)
            var records: [AlertRecord] = []
            try statement.forEachRow { row in records.append(try Self.record(from: row, operation: .allRecords)) }
            return records
        }
    }

    package func openRecordCount() async throws -> Int {
        try await read(.allRecords) { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert_records WHERE status = 'OPEN'") ?? 0
        }
    }

    /// Unknown fingerprints are ignored.
    package func setExternalRef(fingerprint: String, ref: String?) async throws {
        try await write(.setExternalRef) { db in
            try db.execute(sql: "UPDATE alert_records SET external_ref = ? WHERE fingerprint = ?", arguments: [ref, fingerprint])
        }
    }

    /// Sets the manual-close flag (the status is left to the lifecycle).
    package func markManuallyClosed(fingerprint: String, at: Date) async throws -> Bool {
        let now = StoredTime.milliseconds(at)
        return try await write(.markManuallyClosed) { db in
            try db.execute(sql: """
                UPDATE alert_records SET manually_closed = 1, manually_closed_at = ? WHERE fingerprint = ?
                """, arguments: [now, fingerprint])
            return db.changesCount > 0
        }
    }

    static let upsertSQL: String = {
        let columns = recordColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let same = "excluded.occurrences = alert_records.occurrences"
        let keepClose = "\(same) AND alert_records.manually_closed = 1 AND excluded.manually_closed = 0 AND excluded.status = 'OPEN' AND COALESCE(excluded.last_action, '') <> 'SKIP_MANUAL_CLOSE'"
        let updates = columns.filter { $0 != "fingerprint" }.map { column -> String in
            switch column {
            case "external_ref": return "external_ref = CASE WHEN \(same) THEN COALESCE(excluded.external_ref, alert_records.external_ref) ELSE excluded.external_ref END"
            case "manually_closed": return "manually_closed = CASE WHEN \(keepClose) THEN 1 ELSE excluded.manually_closed END"
            case "manually_closed_at": return "manually_closed_at = CASE WHEN \(keepClose) THEN alert_records.manually_closed_at ELSE excluded.manually_closed_at END"
            default: return "\(column) = excluded.\(column)"
            }
        }
        return """
            INSERT INTO alert_records (\(recordColumns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(fingerprint) DO UPDATE SET \(updates.joined(separator: ", "))
            """
    }()

    /// Inserts or replaces one record (inside the caller's transaction), keeping what others
    /// wrote since the processor read it, as `AlertRecord.merged(over:)` says: for the same
    /// occurrence, a stored external reference and manual close survive.
    /// `teams` and `alert` are the record's JSON columns, encoded by the caller outside the write
    /// transaction.
    /// `statement` is ``upsertSQL``'s, looked up once per transaction.
    static func upsert(_ record: AlertRecord, teams: String, alert: String, _ statement: RawStatement) throws {
        // In the order of `recordColumns`.
        statement.bind(record.fingerprint, at: 1)
        statement.bind(record.status.rawValue, at: 2)
        statement.bind(record.alert.source, at: 3)
        statement.bind(record.alert.title, at: 4)
        statement.bind(record.alert.priority.rawValue, at: 5)
        statement.bind(teams, at: 6)
        statement.bind(record.occurrences, at: 7)
        statement.bind(record.notifications, at: 8)
        statement.bind(record.lastAction?.rawValue, at: 9)
        statement.bind(StoredTime.milliseconds(record.lastProviderStateAt), at: 10)
        statement.bind(StoredTime.milliseconds(record.firstSeenAt), at: 11)
        statement.bind(StoredTime.milliseconds(record.lastSeenAt), at: 12)
        statement.bind(record.manuallyClosed, at: 13)
        statement.bind(record.manuallyClosedAt.map(StoredTime.milliseconds), at: 14)
        statement.bind(record.externalRef, at: 15)
        statement.bind(record.firingDelivered, at: 16)
        statement.bind(alert, at: 17)
        try statement.run()
    }

    /// A row of `SELECT recordColumns`, read by position.
    static func record(from row: RawStatement.Columns, operation: StoreOperation) throws -> AlertRecord {
        func corrupt(_ column: String) -> StoreError {
            StoreError(.encoding, operation: operation, message: "alert_records.\(column) holds a value this version does not know")
        }
        func text(_ index: Int32, _ column: String) throws -> String {
            guard let text = row.string(index) else { throw corrupt(column) }
            return text
        }
        guard let status = AlertRecord.Status(rawValue: try text(1, "status")) else { throw corrupt("status") }
        var lastAction: Lifecycle.Action?
        if let text = row.string(8) {
            guard let action = Lifecycle.Action(rawValue: text) else { throw corrupt("last_action") }
            lastAction = action
        }
        let alert = try StoreCoding.decode(AlertEvent.self, fromText: try text(16, "alert"), operation: operation)
        return AlertRecord(
            fingerprint: try text(0, "fingerprint"), status: status,
            lastProviderStateAt: StoredTime.date(milliseconds: row.int64(9)),
            firstSeenAt: StoredTime.date(milliseconds: row.int64(10)),
            lastSeenAt: StoredTime.date(milliseconds: row.int64(11)),
            occurrences: row.int(6), notifications: row.int(7),
            manuallyClosed: row.bool(12),
            manuallyClosedAt: row.optionalInt64(13).map { StoredTime.date(milliseconds: $0) },
            externalRef: row.string(14), lastAction: lastAction, alert: alert,
            firingDelivered: row.bool(15)
        )
    }
}
