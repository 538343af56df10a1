import Foundation
import GRDB
import KlaxonCore

// MARK: - DeadLetterStore
extension SQLiteStorage {
    /// Oldest first.
    package func deadLetters(limit: Int) async throws -> [DeadLetter] {
        try await read(.deadLetters) { db in
            try Row.fetchAll(db, sql: """
                SELECT id, kind, origin, error, attempts, created_at, body FROM dead_letters ORDER BY id LIMIT ?
                """, arguments: [limit]).map { row in
                let kindText: String = row["kind"]
                guard let kind = DeadLetter.Kind(rawValue: kindText) else {
                    throw StoreError(.encoding, operation: .deadLetters, message: "a dead letter has an unknown kind; the database was written by a newer Klaxon")
                }
                return DeadLetter(
                    id: row["id"], kind: kind, origin: row["origin"], error: row["error"], attempts: row["attempts"],
                    createdAt: StoredTime.date(milliseconds: row["created_at"]), body: row["body"] ?? Data()
                )
            }
        }
    }

    package func deadLetterCount() async throws -> Int {
        try await read(.deadLetterCount) { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dead_letters") ?? 0 }
    }

    /// A payload goes back into the inbox (its original receive time and request id, attempts 0);
    /// a delivery goes back into the outbox as a new row (same idempotency key), due at `at`, attempts 0.
    package func replayDeadLetter(id: Int64, at: Date) async throws -> Bool {
        let now = StoredTime.milliseconds(at)
        return try await write(.replayDeadLetter) { [hot] db in
            hot.inboxChanged()
            hot.outboxChanged()
            guard let row = try Row.fetchOne(db, sql: """
                SELECT kind, origin, body, request_id, received_at FROM dead_letters WHERE id = ?
                """, arguments: [id])
            else { return false }
            let body: Data = row["body"] ?? Data()
            switch row["kind"] as String {
            case DeadLetter.Kind.payload.rawValue:
                try db.execute(sql: """
                    INSERT INTO inbox (kind, body, received_at, request_id, attempts) VALUES (?, CAST(? AS BLOB), ?, ?, 0)
                    """, arguments: [row["origin"] as String, Self.blob(body),
                                     (row["received_at"] as Int64?) ?? now, (row["request_id"] as String?) ?? ""])
            case DeadLetter.Kind.delivery.rawValue:
                // A replayed delivery starts a new retry window: its age counts from the replay.
                var delivery = try StoreCoding.decode(Delivery.self, from: body, operation: .replayDeadLetter)
                delivery.createdAt = StoredTime.date(milliseconds: now)
                // A new row: the dead one stays in the log, as delivered rows do.
                try db.execute(sql: """
                    INSERT INTO outbox (receiver, fingerprint, action, delivery, created_at, attempts, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, 0, ?)
                    """, arguments: [delivery.receiver, delivery.fingerprint,
                                     delivery.action.rawValue, try StoreCoding.encodeText(delivery, operation: .replayDeadLetter),
                                     StoredTime.milliseconds(delivery.createdAt), now])
            default:
                throw StoreError(.encoding, operation: .replayDeadLetter, message: "a dead letter has an unknown kind; the database was written by a newer Klaxon")
            }
            try db.execute(sql: "DELETE FROM dead_letters WHERE id = ?", arguments: [id])
            return true
        }
    }
}
