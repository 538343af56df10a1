import Dispatch
import Foundation
import GRDB
import KlaxonCore
import Synchronization

/// Group commit for the intake hot path.
///
/// Callers queue their payloads with a completion; one writer loop, on its own serial queue,
/// takes everything queued, inserts it in ONE transaction, and only after that transaction
/// committed calls every waiting completion with its ids (or every one with the error). While a
/// transaction is being written, new callers queue up for the next one, so under load many
/// requests share a commit (and its fsync).
///
/// The loop runs outside Swift concurrency and writes with GRDB's blocking `write`, which runs on
/// the calling thread: a group costs one thread wake-up to start the loop, none per caller, and
/// no hop through the cooperative pool on the way back (the HTTP edge completes straight onto its
/// event loops). See docs/adr/0056-intake-group-commit-off-the-cooperative-pool.md.
///
/// A caller may offer its own thread (the HTTP edge offers its event loop). The caller that starts
/// a group then writes that group there, at the end of the loop's tick, so the group also holds
/// what the loop read meanwhile, and neither the wake-up of the writer's queue nor, for requests
/// of that loop, a wake-up to answer them is needed. An offered thread writes one group only:
/// what queued up during it goes on on the writer's own queue, so a stream of appends never
/// holds an event loop. See ADR 0058.
package final class InboxAppender: Sendable {
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

    package typealias Completion = @Sendable (Result<[Int64], StoreError>) -> Void

    private struct Waiter {
        let count: Int
        let completion: Completion
    }

    private struct State {
        var queued: [InboxItem] = []
        var waiters: [Waiter] = []
        var writing = false
        var stats = Stats()
    }

    private let pool: DatabasePool
    private let hot: HotQueues
    private let state = Mutex(State())
    /// The store's other uses of the writer connection under way or waiting for it (processor
    /// commits, delivered marks, the writer's checkpoint pass, reads on the writer). While there
    /// is one, a group is not written on an offered thread: the event loop would wait for that
    /// use, and so would every answer due on it.
    private let otherWriters = Atomic(0)
    private let queue = DispatchQueue(label: "klaxon-inbox-append", qos: .userInitiated)

    init(pool: DatabasePool, hot: HotQueues) {
        self.pool = pool
        self.hot = hot
    }

    package var stats: Stats { state.withLock { $0.stats } }

    /// Runs `body`, a use of the writer connection other than this appender's (see `otherWriters`).
    func otherWrite<T>(_ body: () throws -> T) rethrows -> T {
        otherWriters.add(1, ordering: .relaxed)
        defer { otherWriters.subtract(1, ordering: .relaxed) }
        return try body()
    }

    func otherWrite<T>(_ body: () async throws -> T) async rethrows -> T {
        otherWriters.add(1, ordering: .relaxed)
        defer { otherWriters.subtract(1, ordering: .relaxed) }
        return try await body()
    }

    /// Queues `items`; `completion` gets their ids once the transaction holding them committed.
    /// It is called where that transaction ran (the writer's queue, or the thread offered by the
    /// caller that started the group): keep it short (hand the answer to where it is needed).
    func append(_ items: [InboxItem], offering thread: OfferedThread? = nil, completion: @escaping Completion) {
        if items.isEmpty { return completion(.success([])) }
        let start = state.withLock { state in
            state.queued.append(contentsOf: items)
            state.waiters.append(Waiter(count: items.count, completion: completion))
            state.stats.appends += 1
            if state.writing { return false }
            state.writing = true
            return true
        }
        guard start else { return }
        if let thread, otherWriters.load(ordering: .relaxed) == 0 {
            thread { self.drainOffered() }
        } else {
            queue.async { self.drain() }
        }
    }

    /// One group on an offered thread, unless another use of the writer began since it was
    /// offered: then the writer's queue waits for it, not the event loop.
    private func drainOffered() {
        if otherWriters.load(ordering: .relaxed) > 0 { return queue.async { self.drain() } }
        drain(groups: 1)
    }

    /// Writes queued groups until nobody is waiting, or `limit` groups and then hands the rest to
    /// the writer's queue.
    private func drain(groups limit: Int = .max) {
        var written = 0
        while true {
            let (items, group, handOff) = state.withLock { state -> ([InboxItem], [Waiter], Bool) in
                if state.waiters.isEmpty {
                    state.writing = false
                    return ([], [], false)
                }
                if written == limit { return ([], [], true) }
                defer {
                    state.queued = []
                    state.waiters = []
                }
                return (state.queued, state.waiters, false)
            }
            if handOff { return queue.async { self.drain() } }
            if group.isEmpty { return }
            written += 1
            let result: Result<[Int64], StoreError>
            do {
                result = .success(try pool.writeWithoutTransaction { [hot] db in
                    try SQLiteStorage.immediateTransaction(db, hot: hot) { try Self.insert(items, hot: hot, db) }
                })
            } catch {
                hot.forget()
                result = .failure(StoreError.from(error, operation: .append))
            }
            state.withLock { state in
                state.stats.transactions += 1
                state.stats.largestGroup = max(state.stats.largestGroup, group.count)
                if case .success(let ids) = result { state.stats.items += ids.count }
            }
            switch result {
            case .success(let ids):
                var start = 0
                for waiter in group {
                    waiter.completion(.success(Array(ids[start..<start + waiter.count])))
                    start += waiter.count
                }
            case .failure(let error):
                for waiter in group { waiter.completion(.failure(error)) }
            }
        }
    }

    private static func insert(_ items: [InboxItem], hot: HotQueues, _ db: Database) throws -> [Int64] {
        let statement = try RawStatement(db, sql: """
            INSERT INTO inbox (kind, body, received_at, request_id, attempts) VALUES (?, CAST(? AS BLOB), ?, ?, 0)
            """)
        var ids: [Int64] = []
        ids.reserveCapacity(items.count)
        for item in items {
            statement.bind(item.kind, at: 1)
            statement.bind(blob: item.body, at: 2)
            statement.bind(StoredTime.milliseconds(item.receivedAt), at: 3)
            statement.bind(item.requestId, at: 4)
            try statement.run()
            ids.append(db.lastInsertedRowID)
        }
        // As the database will read them back (times to the millisecond).
        let entries = zip(ids, items).map { InboxEntry(id: $0, item: $1.storageNormalized, attempts: 0) }
        hot.afterCommit { $0.appended(entries) }
        return ids
    }
}
