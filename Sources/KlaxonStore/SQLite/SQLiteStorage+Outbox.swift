import Foundation
import GRDB
import KlaxonCore

/// Outbox rows are never deleted: a delivered row (with `delivered_at`) stays as the notification
/// log, and a dead-lettered one (with `dead_at`) stays too. "Waiting" means neither delivered nor
/// dead.
// MARK: - OutboxStore
extension SQLiteStorage {
    static let waiting = "delivered_at IS NULL AND dead_at IS NULL"

    /// Waiting entries with `next_attempt_at <= now`, oldest (lowest id) first.
    /// From this process's copy while it is complete (see ``HotQueues``); otherwise read on the
    /// writer connection, so that no commit lands between the read and the copy it starts.
    package func dueDeliveries(now: Date, limit: Int) async throws -> [OutboxEntry] {
        if let due = hot.due(now: now, limit: limit) { return due }
        let nowMs = StoredTime.milliseconds(now)
        return try await write(.dueDeliveries) { [hot] db in
            try self.observeOtherWriters(db)
            let statement = try db.cachedStatement(sql: """
                SELECT id, delivery, attempts, next_attempt_at, last_error FROM outbox
                WHERE \(Self.waiting) AND next_attempt_at <= ?
                  AND NOT EXISTS (
                    SELECT 1 FROM outbox AS earlier
                    WHERE earlier.receiver = outbox.receiver AND earlier.fingerprint = outbox.fingerprint
                      AND earlier.id < outbox.id AND earlier.attempts > 0
                      AND earlier.delivered_at IS NULL AND earlier.dead_at IS NULL
                      AND earlier.next_attempt_at > ?)
                ORDER BY id LIMIT ?
                """)
            let due = try Row.fetchAll(statement, arguments: [nowMs, nowMs, limit]).map { row in
                OutboxEntry(
                    id: row["id"],
                    delivery: try StoreCoding.decode(Delivery.self, fromText: row["delivery"], operation: .dueDeliveries),
                    attempts: row["attempts"],
                    nextAttemptAt: StoredTime.date(milliseconds: row["next_attempt_at"]),
                    lastError: row["last_error"]
                )
            }
            // The copy starts only when these are all the waiting rows (the partial index counts them).
            let waiting = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE \(Self.waiting)") ?? -1
            hot.outboxRead(due, whole: waiting == due.count && due.count < limit)
            return due
        }
    }

    /// Unknown, delivered or dead ids are left as they are.
    package func markDelivered(outboxId: Int64, at: Date) async throws {
        let now = StoredTime.milliseconds(at)
        try await write(.markDelivered) { [hot] db in
            try self.observeOtherWriters(db)
            try db.execute(sql: """
                UPDATE outbox SET delivered_at = ? WHERE id = ? AND \(Self.waiting)
                """, arguments: [now, outboxId])
            hot.afterCommit { $0.delivered([outboxId]) }
        }
    }

    package func markDelivered(outboxIds: [Int64], at: Date) async throws {
        guard !outboxIds.isEmpty else { return }
        let now = StoredTime.milliseconds(at)
        try await write(.markDelivered) { [hot] db in
            try self.observeOtherWriters(db)
            let statement = try RawStatement(db, sql: "UPDATE outbox SET delivered_at = ? WHERE id = ? AND \(Self.waiting)")
            for id in outboxIds {
                statement.bind(now, at: 1)
                statement.bind(id, at: 2)
                try statement.run()
            }
            hot.afterCommit { $0.delivered(outboxIds) }
        }
    }

    /// Counts a failed attempt and sets the next one. Unknown, delivered or dead ids are left alone.
    package func reschedule(outboxId: Int64, nextAttemptAt: Date, error: String) async throws {
        let next = StoredTime.milliseconds(nextAttemptAt)
        try await write(.reschedule) { [hot] db in
            hot.outboxChanged()
            try db.execute(sql: """
                UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                WHERE id = ? AND \(Self.waiting)
                """, arguments: [next, error, outboxId])
        }
    }

    /// Moves the next attempt without counting one. Unknown, delivered or dead ids are left alone.
    package func postpone(outboxIds: [Int64], until: Date) async throws {
        guard !outboxIds.isEmpty else { return }
        let next = StoredTime.milliseconds(until)
        try await write(.reschedule) { [hot] db in
            hot.outboxChanged()
            let statement = try db.cachedStatement(sql: "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND \(Self.waiting)")
            for id in outboxIds { try statement.execute(arguments: [next, id]) }
        }
    }

    /// Counts the final failed attempt, marks the row dead and copies it (the Delivery as JSON)
    /// to dead letters, in one transaction. Unknown, delivered or dead ids are left alone.
    package func deadLetterDelivery(outboxId: Int64, reason: String, at: Date) async throws {
        let now = StoredTime.milliseconds(at)
        try await write(.deadLetterDelivery) { [hot] db in
            hot.outboxChanged()
            guard let row = try Row.fetchOne(db, sql: """
                SELECT receiver, delivery, attempts FROM outbox WHERE id = ? AND \(Self.waiting)
                """, arguments: [outboxId])
            else { return }
            let attempts = (row["attempts"] as Int) + 1
            try db.execute(sql: """
                UPDATE outbox SET attempts = ?, last_error = ?, dead_at = ? WHERE id = ?
                """, arguments: [attempts, reason, now, outboxId])
            let json: String = row["delivery"]
            try db.execute(sql: """
                INSERT INTO dead_letters (kind, origin, error, attempts, created_at, body) VALUES ('delivery', ?, ?, ?, ?, CAST(? AS BLOB))
                """, arguments: [row["receiver"] as String, reason, attempts, now, Self.blob(Data(json.utf8))])
        }
    }

    package func outboxDepth() async throws -> Int {
        try await read(.outboxDepth) { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE \(Self.waiting)") ?? 0
        }
    }

    package func nextDueAt() async throws -> Date? {
        try await read(.nextDueAt) { db in
            // Cached: the dispatcher asks after every pass.
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT MIN(next_attempt_at) FROM outbox WHERE \(Self.waiting)"))
                .map { StoredTime.date(milliseconds: $0) }
        }
    }
}
