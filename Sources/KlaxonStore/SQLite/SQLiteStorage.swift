import Foundation
import GRDB
import KlaxonCore
import Synchronization

/// Every storage protocol on one SQLite file, for `klaxon serve` and the CLI.
///
/// - WAL journal, so readers never block the writer; `synchronous=NORMAL` by default (a committed
///   payload survives the process being killed) or `FULL` (survives power loss, an fsync per
///   commit).
/// - A busy timeout, so the CLI and the server can open the same file from two processes.
/// - Inbox appends are group-committed: concurrent callers share one transaction
///   (see ``InboxAppender``).
/// - Schema changes are versioned migrations (``StoreSchema``), applied on open.
package final class SQLiteStorage: Storage, Sendable {
    /// How hard a commit pushes to the disk.
    package enum SyncMode: String, Sendable, Hashable, CaseIterable {
        /// `synchronous=NORMAL` in WAL mode: durable across a process crash.
        case normal
        /// `synchronous=FULL`: durable across power loss, an fsync per commit.
        case full
    }

    /// How long a writer waits for another connection's lock before failing with `busy`.
    package static let busyTimeout: TimeInterval = 5

    package let path: String
    package let syncMode: SyncMode
    let pool: DatabasePool
    let appender: InboxAppender
    /// The waiting inbox and outbox rows as this process committed them (see ``HotQueues``).
    let hot = HotQueues()
    /// Set by `close()`, so later failures say `closed` rather than whatever SQLite reports.
    private let isClosed = Mutex(false)

    /// A second connection for ``checkpoint()``, opened on first use.
    private let checkpointer = Mutex<DatabaseQueue?>(nil)
    /// The WAL's size in frames after the last ``checkpoint()`` finished on the writer.
    private let walFramesAfterCheckpoint = Mutex(0)

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    /// With `backgroundCheckpoints`, the writer leaves WAL checkpoints to ``checkpoint()`` (called
    /// by a service) and only checkpoints itself as a backstop, once the WAL is ~400 MiB.
    package init(path: String, sync: SyncMode = .normal, backgroundCheckpoints: Bool = false) throws {
        self.path = path
        self.syncMode = sync
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
        config.label = "klaxon"
        let pragma = sync == .full ? "FULL" : "NORMAL"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(pragma)")
            // The writer inserts into B-trees keyed by random fingerprints and delivery keys; with
            // SQLite's default 2 MiB page cache those inserts read pages back from the OS on
            // every batch. 8 MiB for the writer, 1 MiB for each reader (negative = KiB). 32 MiB
            // for the writer stayed resident as ~32 MB at rest (200k open alerts: RSS 91-94 MB
            // against 68 MB with 8 MiB), for a processing rate within this machine's noise. A
            // reader's cache starts over whenever the writer committed, which under load is every
            // read; since the decision snapshot moved to the readers (ADR 0056), 4 MiB each stayed
            // resident (200k open alerts: 75.0 MB against 68.5 MB with 1 MiB, same run).
            let cacheKiB = db.configuration.readonly ? 1024 : 8192
            try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Checkpoint every ~40 MiB of WAL instead of 4 MiB: a checkpoint copies pages into the
            // database and fsyncs it, and under load one per batch made commits wait on the disk.
            // With background checkpoints, the commit that crosses the threshold does not pay for
            // one at all (a 40 MiB checkpoint stalled commits for tens of milliseconds).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(backgroundCheckpoints ? 100_000 : 10_000)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            // GRDB turns WAL on after `prepareDatabase` and sets the writer to NORMAL as it does,
            // so the writer's setting is made again here (readers commit nothing).
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(pragma)") }  // no hooks yet
        } catch {
            throw StoreError.from(error, operation: .open)
        }
        do {
            try StoreSchema.migrator.migrate(pool)
        } catch {
            throw StoreError.from(error, operation: .migrate)
        }
        appender = InboxAppender(pool: pool, hot: hot)
    }

    /// Copies what the WAL holds into the database file without blocking the writer or readers
    /// (a PASSIVE checkpoint, on a connection of its own). Returns the WAL's frames and how many
    /// of them are now in the database.
    @discardableResult
    package func checkpoint() async throws -> (walFrames: Int, checkpointed: Int) {
        do {
            let queue = try checkpointer.withLock { queue in
                if let queue { return queue }
                var config = Configuration()
                config.busyMode = .timeout(1)
                config.label = "klaxon-checkpoint"
                let opened = try DatabaseQueue(path: path, configuration: config)
                queue = opened
                return opened
            }
            let result = try await queue.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            // Nothing written since the last time: the WAL starts over at the next write anyway.
            guard result.walFrameCount > 0, result.walFrameCount != walFramesAfterCheckpoint.withLock({ $0 }) else {
                return (result.walFrameCount, result.checkpointedFrameCount)
            }
            // Measured: under constant writes SQLite never started the WAL over after this
            // checkpoint alone, although it copied every frame it saw. The WAL grew to the
            // writer's backstop (~400 MiB), and every frame was written past the end of the file,
            // where the kernel zeroes each new page first (~16% of all CPU in `perf`, intake case
            // (c)). Copying the few frames appended meanwhile on the writer itself, between two of
            // its transactions, leaves the WAL wholly in the database, and the next transaction
            // writes it from the start again, over pages the OS has cached.
            let rest = try await appender.otherWrite { try await pool.writeWithoutTransaction { db in try db.checkpoint(.passive) } }
            walFramesAfterCheckpoint.withLock { $0 = rest.walFrameCount }
            return (rest.walFrameCount, rest.checkpointedFrameCount)
        } catch {
            throw storeError(error, operation: .checkpoint)
        }
    }

    /// Closes the connections. Later operations fail with reason `closed`.
    package func close() throws {
        isClosed.withLock { $0 = true }
        hot.forget()
        try? checkpointer.withLock { try $0?.close() }
        do { try pool.close() } catch { throw StoreError.from(error, operation: .open) }
    }

    /// How the group commit of inbox appends has gone so far.
    package var appendStats: InboxAppender.Stats {
        get async { appender.stats }
    }

    /// Transactions used by inbox appends so far (fewer than appends when callers shared them).
    package var appendTransactions: Int {
        get async { appender.stats.transactions }
    }

    /// The names of the migrations applied to the file, oldest first.
    package func appliedMigrations() async throws -> [String] {
        try await read(.migrate) { db in try StoreSchema.migrator.appliedMigrations(db) }
    }

    /// The connection settings SQLite reports, for `klaxon status` and tests.
    package struct Settings: Sendable, Hashable {
        /// `wal` once opened.
        package var journalMode: String
        /// 1 = NORMAL, 2 = FULL.
        package var synchronous: Int

        package init(journalMode: String, synchronous: Int) {
            self.journalMode = journalMode
            self.synchronous = synchronous
        }
    }

    /// Reads back the journal mode and `synchronous` of the writer connection, the one whose
    /// commits `synchronous` governs.
    package func settings() async throws -> Settings {
        try await write(.ping) { db in
            Settings(
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            )
        }
    }

    package func ping() async throws {
        _ = try await read(.ping) { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    // MARK: - Access helpers

    /// Maps an error to a `StoreError`, as `closed` once the store was closed.
    func storeError(_ error: any Error, operation: StoreOperation) -> StoreError {
        if isClosed.withLock({ $0 }) {
            return StoreError(.closed, operation: operation, message: "the store was closed; open it again")
        }
        return StoreError.from(error, operation: operation)
    }

    // The helpers below run GRDB's blocking calls on the calling task's thread. GRDB's async
    // calls hop to its queue's thread and the continuation hops back: two thread wake-ups per
    // store call, and under load a processor pass makes four or five store calls for a handful
    // of alerts (scheduler switches were ~20% of all samples, 2026-12-03). Nothing that holds a
    // connection ever waits for a task, so a blocked thread only waits for SQLite.

    /// One write transaction (IMMEDIATE, rolled back on any error), errors mapped to StoreError.
    /// A failed write drops the hot queues: whatever it did or did not leave behind, the next
    /// reads go to the database.
    func write<T: Sendable>(_ operation: StoreOperation, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try appender.otherWrite {
                try Self.blocking(pool) { [hot] db in
                    try Self.immediateTransaction(db, hot: hot) { try body(db) }
                }
            }
        } catch {
            hot.forget()
            throw storeError(error, operation: operation)
        }
    }

    /// `BEGIN IMMEDIATE` … `COMMIT` through cached statements, for every write of this store.
    /// GRDB's `write` prepares both from SQL text for every transaction; for the intake's groups
    /// of a few requests that parsing and the building of the SQL were ~8% of an intake-only
    /// profile (2026-12-03), and a processor pass under load holds only a few alerts too.
    /// `hot`'s commit hooks (``HotQueues/afterCommit(_:)``) run once the COMMIT succeeded.
    static func immediateTransaction<T>(_ db: Database, hot: HotQueues, _ body: () throws -> T) throws -> T {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        hot.beginTransaction()
        do {
            let value = try body()
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
            hot.endTransaction(committed: true)
            return value
        } catch {
            hot.endTransaction(committed: false)
            // A failed statement or COMMIT can leave the transaction open; SQLite may also have
            // rolled it back already.
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
            throw error
        }
    }

    /// Statements on the writer connection outside a transaction (reads that need no lock).
    func onWriter<T: Sendable>(_ operation: StoreOperation, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try appender.otherWrite {
                try Self.blocking(pool) { db in try body(db) }
            }
        } catch {
            throw storeError(error, operation: operation)
        }
    }

    /// GRDB's blocking writer access (outside an async context, so that its async overload is
    /// not the one chosen).
    private static func blocking<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction(body)
    }

    /// GRDB's blocking read on a reader connection.
    private static func blockingRead<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Looks at the writer connection's `data_version`, which moves when another process commits
    /// (call on the writer connection).
    func observeOtherWriters(_ db: Database) throws {
        // A cached statement: `fetchOne(sql:)` would parse the pragma again on every write.
        if let version = try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) { hot.observe(dataVersion: version) }
    }

    /// One read on a snapshot, errors mapped to StoreError.
    func read<T: Sendable>(_ operation: StoreOperation, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try Self.blockingRead(pool, body)
        } catch {
            throw storeError(error, operation: operation)
        }
    }
}
