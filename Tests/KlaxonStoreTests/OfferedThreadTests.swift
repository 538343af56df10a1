import Dispatch
import Foundation
import KlaxonCore
@testable import KlaxonStore
import Synchronization
import Testing

/// The group commit on a thread the caller offers (the HTTP edge's event loop): the group that
/// call starts is written there, one group only, and never while another write holds the writer.
@Suite("SQLite store: appends written on an offered thread")
struct OfferedThreadTests {
    /// A serial queue standing in for an event loop, which knows when code runs on it.
    final class OfferedQueue: Sendable {
        let queue = DispatchQueue(label: "offered")
        private let key = DispatchSpecificKey<Bool>()
        let offers = Atomic(0)

        init() { queue.setSpecific(key: key, value: true) }

        var isCurrent: Bool { DispatchQueue.getSpecific(key: key) == true }

        var thread: OfferedThread {
            { [self] work in
                offers.add(1, ordering: .relaxed)
                queue.async(execute: work)
            }
        }
    }

    private func append(
        _ store: SQLiteStorage, _ body: String, offering thread: OfferedThread?, onCommit: @escaping @Sendable () -> Void = {}
    ) async throws -> [Int64] {
        try await withCheckedThrowingContinuation { continuation in
            store.append([Sample.item(body)], offering: thread) { result in
                onCommit()
                continuation.resume(with: result)
            }
        }
    }

    @Test func theGroupACallStartsIsWrittenOnTheThreadItOffers() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }
        let offered = OfferedQueue()

        let committedThere = Mutex<Bool?>(nil)
        let ids = try await append(store, "first", offering: offered.thread) { committedThere.withLock { $0 = offered.isCurrent } }
        #expect(offered.offers.load(ordering: .relaxed) == 1)
        #expect(committedThere.withLock { $0 } == true, "the transaction did not run on the offered thread")
        #expect(try await store.pending(limit: 10).map(\.id) == ids)
        #expect(await store.appendStats.transactions == 1)
    }

    /// What queues up while the offered thread writes goes on on the store's own queue, so a
    /// stream of appends never keeps an event loop busy.
    @Test func anOfferedThreadWritesOneGroupOnly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }
        let offered = OfferedQueue()

        // Appended on the offered thread right after the first group committed, before the
        // writer looks for more: this append is queued behind it.
        let second = Mutex<(onOffered: Bool, ids: [Int64])?>(nil)
        let first = try await append(store, "first", offering: offered.thread) {
            store.append([Sample.item("second")], offering: offered.thread) { result in
                let ids = (try? result.get()) ?? []
                second.withLock { $0 = (offered.isCurrent, ids) }
            }
        }
        while second.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(5)) }
        let (secondOnOffered, secondIds) = try #require(second.withLock { $0 })
        #expect(secondIds.count == 1)
        #expect(offered.offers.load(ordering: .relaxed) == 1)
        #expect(!secondOnOffered, "a second group was written on the offered thread")
        #expect(Set(try await store.pending(limit: 10).map(\.id)) == Set(first + secondIds))
    }

    /// While another write holds the writer, the event loop is not made to wait for it.
    @Test func aBusyWriterIsNotWaitedForOnTheOfferedThread() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }
        let offered = OfferedQueue()

        let started = Mutex(false), release = Mutex(false)
        let writer = Task {
            try await store.write(.commit) { _ in
                started.withLock { $0 = true }
                while !release.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.005) }
            }
        }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }

        let onOffered = Mutex<Bool?>(nil)
        let appended = Task {
            try await append(store, "while busy", offering: offered.thread) { onOffered.withLock { $0 = offered.isCurrent } }
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(offered.offers.load(ordering: .relaxed) == 0, "the offered thread was used while the writer was busy")
        release.withLock { $0 = true }
        try await writer.value
        let ids = try await appended.value
        #expect(onOffered.withLock { $0 } == false)
        #expect(try await store.pending(limit: 10).map(\.id) == ids)
    }
}
