import Foundation
import GRDB
import KlaxonCore

/// Group commit for the intake hot path.
///
/// Callers queue their payloads and wait; one writer loop takes everything queued, inserts it in
/// ONE transaction, and only after that transaction committed resumes every waiting caller with
/// its ids (or every caller with the error). While a transaction is being written, new callers
/// queue up for the next one, so under load many requests share a commit (and its fsync).
package actor InboxAppender {
    /// Counters of the group commit, for tests and metrics.
    package struct Stats: Sendable, Hashable {
        /// `append` calls with at least one payload.
        package var appends = 0
        /// Payloads written.
        package var items = 0
        /// Transactions used (committed or failed).
        package var transactions = 0
        /// The most callers that shared one transaction.
        package var largestGroup = 0
    }

    private struct Waiter {
        let count: Int
        let continuation: CheckedContinuation<[Int64], any Error>
    }

    private let pool: DatabasePool
    private let hot: HotQueues
    private var queued: [InboxItem] = []
    private var waiters: [Waiter] = []
    private var writing = false
    package private(set) var stats = Stats()

    init(pool: DatabasePool, hot: HotQueues) {
        self.pool = pool
        self.hot = hot
    }

    /// Queues `items` and returns their ids once the transaction holding them committed.
    func append(_ items: [InboxItem]) async throws -> [Int64] {
        if items.isEmpty { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            queued.append(contentsOf: items)
            waiters.append(Waiter(count: items.count, continuation: continuation))
            stats.appends += 1
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    /// Writes queued groups until nobody is waiting.
    private func drain() async {
        while !waiters.isEmpty {
            let items = queued
            let group = waiters
            queued = []
            waiters = []
            let result: Result<[Int64], StoreError>
            do {
                result = .success(try await pool.write { [hot] db in
                    hot.beginTransaction()
                    return try Self.insert(items, hot: hot, db)
                })
            } catch {
                hot.forget()
                result = .failure(StoreError.from(error, operation: .append))
            }
            stats.transactions += 1
            stats.largestGroup = max(stats.largestGroup, group.count)
            switch result {
            case .success(let ids):
                stats.items += ids.count
                var start = 0
                for waiter in group {
                    waiter.continuation.resume(returning: Array(ids[start..<start + waiter.count]))
                    start += waiter.count
                }
            case .failure(let error):
                for waiter in group { waiter.continuation.resume(throwing: error) }
            }
        }
        writing = false
    }

    private static func insert(_ items: [InboxItem], hot: HotQueues, _ db: Database) throws -> [Int64] {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO inbox (kind, body, received_at, request_id, attempts) VALUES (?, CAST(? AS BLOB), ?, ?, 0)
            """)
        var ids: [Int64] = []
        ids.reserveCapacity(items.count)
        for item in items {
            try statement.execute(arguments: [
                item.kind, SQLiteStorage.blob(item.body), StoredTime.milliseconds(item.receivedAt), item.requestId,
            ])
            ids.append(db.lastInsertedRowID)
        }
        // As the database will read them back (times to the millisecond).
        let entries = zip(ids, items).map { InboxEntry(id: $0, item: $1.storageNormalized, attempts: 0) }
        hot.afterCommit(db) { $0.appended(entries) }
        return ids
    }
}
