import Foundation
import GRDB
import KlaxonCore

// MARK: - BatchCommitter
extension SQLiteStorage {
    /// One write transaction: delete the acknowledged inbox rows, upsert the records, queue the
    /// deliveries, end the silences, append the audit. Any failure rolls back the whole batch.
    ///
    /// A delivery's idempotency key is unique because the record counters it is built from are
    /// written in this same transaction as the inbox acknowledgement (ADR 0055): a payload is
    /// decided once. So an acknowledgement that deletes nothing — the payload is gone, another
    /// process committed it first — fails the batch instead of queueing its deliveries again.
    package func commit(_ batch: ProcessedBatch, at: Date) async throws {
        let now = StoredTime.milliseconds(at)
        // Encode outside the write lock, each alert once (see BatchEncoding).
        let encoded = BatchEncoding(batch)
        try await write(.commit) { [hot] db in
            try self.observeOtherWriters(db)
            let ack = try RawStatement(db, sql: "DELETE FROM inbox WHERE id = ?")
            for id in batch.inboxIds {
                ack.bind(id, at: 1)
                try ack.run()
                guard db.changesCount == 1 else { throw StoreError.alreadyProcessed(inboxId: id) }
            }
            let upsert = try RawStatement(db, sql: Self.upsertSQL)
            for text in encoded.records { try Self.upsert(text.record, teams: text.teams, alert: text.alert, upsert) }
            let queue = try RawStatement(db, sql: """
                INSERT INTO outbox (receiver, fingerprint, action, delivery, created_at, attempts, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, 0, ?)
                """)
            var queued: [OutboxEntry] = []
            queued.reserveCapacity(encoded.deliveries.count)
            let nextAttemptAt = StoredTime.date(milliseconds: now)
            for (delivery, json) in encoded.deliveries {
                queue.bind(delivery.receiver, at: 1)
                queue.bind(delivery.fingerprint, at: 2)
                queue.bind(delivery.action.rawValue, at: 3)
                queue.bind(json, at: 4)
                queue.bind(StoredTime.milliseconds(delivery.createdAt), at: 5)
                queue.bind(now, at: 6)
                try queue.run()
                queued.append(OutboxEntry(id: db.lastInsertedRowID, delivery: delivery.storageNormalized, attempts: 0,
                                          nextAttemptAt: nextAttemptAt, lastError: nil))
            }
            hot.afterCommit { [queued] hot in
                hot.acknowledged(batch.inboxIds)
                hot.queued(queued)
            }
            let expire = try db.cachedStatement(sql: "UPDATE silences SET ends_at = MIN(ends_at, ?) WHERE id = ?")
            for id in batch.expiredSilenceIds { try expire.execute(arguments: [now, id]) }
            try Self.insertAudit(encoded.audit, db)
        }
    }
}
