import Foundation
import GRDB
import KlaxonCore
@testable import KlaxonStore
import Synchronization
import Testing

/// A backlog larger than the in-memory copy is read on a reader connection: the processor's read
/// must not queue behind the commit of its last pass (nor hold up the intake's appends).
@Suite("SQLite store: a large inbox backlog is read beside the writer")
struct InboxBacklogReadTests {
    @Test func aBacklogPastTheCopyIsReadWhileAWriteIsInProgress() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }

        var appended: [Int64] = []
        for chunk in stride(from: 0, to: HotQueues.maxRows + 500, by: 1000) {
            appended += try await store.append((chunk..<chunk + 1000).map { Sample.item("p\($0)") })
        }
        let started = Mutex(false), finished = Mutex(false)
        let writer = Task {
            try await store.write(.commit) { _ in
                started.withLock { $0 = true }
                Thread.sleep(forTimeInterval: 1.5)
                finished.withLock { $0 = true }
            }
        }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }

        let oldest = try await store.pending(limit: 100)
        #expect(!finished.withLock { $0 }, "pending waited for the write transaction")
        #expect(oldest.map(\.id) == Array(appended.prefix(100)))
        #expect(oldest.first?.item.body == Data("p0".utf8))
        try await writer.value
    }

    /// Once the backlog is small again, the copy starts anew and still shows every row, in order.
    @Test func theCopyStartsAgainWhenTheBacklogShrinks() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }

        let ids = try await store.append((0..<(HotQueues.maxRows + 100)).map { Sample.item("p\($0)") })
        let first = try await store.pending(limit: HotQueues.maxRows)
        #expect(first.map(\.id) == Array(ids.prefix(HotQueues.maxRows)))
        try await store.commit(ProcessedBatch(inboxIds: first.map(\.id)), at: Sample.t0)
        // 100 left: read whole on the writer, which starts the copy; then the copy follows appends.
        #expect(try await store.pending(limit: 1000).map(\.id) == Array(ids.suffix(100)))
        let late = try await store.append([Sample.item("late")])
        #expect(try await store.pending(limit: 1000).map(\.id) == Array(ids.suffix(100)) + late)
        // Another connection sees the same rows.
        let other = try SQLiteStorage(path: folder.databasePath)
        defer { try? other.close() }
        #expect(try await other.pending(limit: 1000).map(\.id) == Array(ids.suffix(100)) + late)
    }
}
