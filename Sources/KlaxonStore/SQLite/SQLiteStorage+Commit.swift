import Foundation
import GRDB
import KlaxonCore

// MARK: - BatchCommitter
extension SQLiteStorage {
    /// One write transaction: delete the acknowledged inbox rows, upsert the records, queue the
    /// deliveries (`INSERT OR IGNORE` on the unique idempotency key, so a key already queued,
    /// delivered or dead-lettered is not queued twice, also across restarts), end the silences,
    /// append the audit.
    /// Any failure rolls back the whole batch.
    package func commit(_ batch: ProcessedBatch, at: Date) async throws {
        let now = StoredTime.milliseconds(at)
        // Encode outside the write lock, each alert once (see BatchEncoding).
        let encoded = BatchEncoding(batch)
        try await write(.commit) { [hot] db in
            try self.observeOtherWriters(db)
            let ack = try db.cachedStatement(sql: "DELETE FROM inbox WHERE id = ?")
            for id in batch.inboxIds { try ack.execute(arguments: [id]) }
            for text in encoded.records { try Self.upsert(text.record, teams: text.teams, alert: text.alert, db) }
            let queue = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO outbox (idempotency_key, receiver, fingerprint, action, delivery, created_at, attempts, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?)
                """)
            var queued: [OutboxEntry] = []
            queued.reserveCapacity(encoded.deliveries.count)
            for (delivery, json) in encoded.deliveries {
                try queue.execute(arguments: [
                    delivery.idempotencyKey, delivery.receiver, delivery.fingerprint, delivery.action.rawValue,
                    json, StoredTime.milliseconds(delivery.createdAt), now,
                ])
                if db.changesCount > 0 {
                    queued.append(OutboxEntry(id: db.lastInsertedRowID, delivery: delivery.storageNormalized, attempts: 0,
                                              nextAttemptAt: StoredTime.date(milliseconds: now), lastError: nil))
                }
            }
            hot.afterCommit(db) { [queued] hot in
                hot.acknowledged(batch.inboxIds)
                hot.queued(queued)
            }
            let expire = try db.cachedStatement(sql: "UPDATE silences SET ends_at = MIN(ends_at, ?) WHERE id = ?")
            for id in batch.expiredSilenceIds { try expire.execute(arguments: [now, id]) }
            try Self.insertAudit(encoded.audit, db)
        }
    }
}
