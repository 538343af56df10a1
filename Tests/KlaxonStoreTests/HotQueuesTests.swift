import Foundation
import GRDB
import KlaxonCore
import KlaxonStore
import Testing

/// The SQLite store serves `pending` and `dueDeliveries` from its own copy of the rows it
/// committed (HotQueues). These check that the copy never hides a row: not one another process
/// wrote, not one that changed behind it, not past its bounds.
@Suite("SQLite store: the in-memory copy of waiting inbox and outbox rows")
struct HotQueuesTests {
    @Test func anotherProcessesPayloadIsSeenOnceThisOneCommits() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try SQLiteStorage(path: folder.databasePath)
        defer { try? server.close() }
        let cli = try SQLiteStorage(path: folder.databasePath)
        defer { try? cli.close() }

        #expect(try await server.pending(limit: 10).isEmpty)
        let ours = try await server.append([Sample.item("ours")])
        #expect(try await server.pending(limit: 10).map(\.item.body) == [Data("ours".utf8)])
        // `klaxon dlq replay` in another process puts a payload back meanwhile.
        _ = try await cli.append([Sample.item("theirs")])
        try await server.commit(ProcessedBatch(inboxIds: ours), at: Sample.t0)
        #expect(try await server.pending(limit: 10).map(\.item.body) == [Data("theirs".utf8)])
    }

    /// Acknowledgements and deliveries that are not the oldest rows (a payload that failed to
    /// decode stays at the front; a chunk of sends can finish out of order) leave the others.
    @Test func rowsRemovedOutOfOrderLeaveTheOthersInOrder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }

        #expect(try await store.pending(limit: 10).isEmpty)
        let ids = try await store.append(["a", "b", "c", "d", "e"].map { Sample.item($0) })
        #expect(try await store.pending(limit: 10).map(\.id) == ids)
        try await store.commit(ProcessedBatch(inboxIds: [ids[3], ids[1]]), at: Sample.t0)
        #expect(try await store.pending(limit: 10).map(\.item.body) == ["a", "c", "e"].map { Data($0.utf8) })
        try await store.commit(ProcessedBatch(inboxIds: [ids[0], ids[4]]), at: Sample.t0)
        #expect(try await store.pending(limit: 10).map(\.item.body) == [Data("c".utf8)])

        #expect(try await store.dueDeliveries(now: Sample.at(10), limit: 10).isEmpty)
        try await store.commit(ProcessedBatch(deliveries: (1...4).map { Sample.delivery(fingerprint: "fp\($0)") }), at: Sample.t0)
        let due = try await store.dueDeliveries(now: Sample.at(10), limit: 10)
        #expect(due.map(\.delivery.fingerprint) == ["fp1", "fp2", "fp3", "fp4"])
        try await store.markDelivered(outboxIds: [due[2].id, due[0].id], at: Sample.at(11))
        #expect(try await store.dueDeliveries(now: Sample.at(12), limit: 10).map(\.delivery.fingerprint) == ["fp2", "fp4"])
        // What the copy says is what the database holds.
        try await store.commit(ProcessedBatch(inboxIds: [], records: []), at: Sample.t0)
        #expect(try await store.outboxDepth() == 2)
        #expect(try await store.inboxDepth() == 1)
    }

    @Test func anIdleServerFindsAnotherProcessesPayloadWithinASecond() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try SQLiteStorage(path: folder.databasePath)
        defer { try? server.close() }
        let cli = try SQLiteStorage(path: folder.databasePath)
        defer { try? cli.close() }

        #expect(try await server.pending(limit: 10).isEmpty)
        #expect(try await server.dueDeliveries(now: Sample.at(10), limit: 10).isEmpty)
        _ = try await cli.append([Sample.item("theirs")])
        try await cli.commit(ProcessedBatch(deliveries: [Sample.delivery()]), at: Sample.t0)
        try await Task.sleep(for: .milliseconds(1100))
        #expect(try await server.pending(limit: 10).map(\.item.body) == [Data("theirs".utf8)])
        #expect(try await server.dueDeliveries(now: Sample.at(10), limit: 10).map(\.delivery) == [Sample.delivery()])
    }

    @Test func deliveriesFollowTheCopyThroughSendsRetriesAndReplays() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }
        let now = Sample.at(10)

        #expect(try await store.dueDeliveries(now: now, limit: 10).isEmpty)
        let first = Sample.delivery(fingerprint: "fp1"), second = Sample.delivery(fingerprint: "fp2")
        try await store.commit(ProcessedBatch(deliveries: [first, second]), at: Sample.t0)
        let due = try await store.dueDeliveries(now: now, limit: 10)
        #expect(due.map(\.delivery) == [first, second])
        #expect(due.allSatisfy { $0.attempts == 0 && $0.nextAttemptAt == Sample.t0 })

        try await store.markDelivered(outboxIds: [due[0].id], at: now)
        #expect(try await store.dueDeliveries(now: now, limit: 10).map(\.id) == [due[1].id])

        // A retry moves the row out of the copy's reach: it waits until it is due again.
        try await store.reschedule(outboxId: due[1].id, nextAttemptAt: Sample.at(60), error: "503")
        #expect(try await store.dueDeliveries(now: now, limit: 10).isEmpty)
        let retried = try await store.dueDeliveries(now: Sample.at(61), limit: 10)
        #expect(retried.map(\.id) == [due[1].id])
        #expect(retried.first?.attempts == 1)

        // Dead-lettered, then replayed: due again, once.
        try await store.deadLetterDelivery(outboxId: due[1].id, reason: "gave up", at: Sample.at(61))
        #expect(try await store.dueDeliveries(now: Sample.at(61), limit: 10).isEmpty)
        let letter = try #require(try await store.deadLetters(limit: 10).first)
        #expect(try await store.replayDeadLetter(id: letter.id, at: Sample.at(62)))
        let replayed = try await store.dueDeliveries(now: Sample.at(62), limit: 10)
        #expect(replayed.map(\.delivery.fingerprint) == ["fp2"])
        // The replay is a new row after the dead one, which stays in the log.
        #expect(replayed.first.map { $0.id > due[1].id } == true)
        #expect(replayed.first?.attempts == 0)
    }

    @Test func aFailedAttemptIsReadBackWithItsCount() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }

        #expect(try await store.pending(limit: 10).isEmpty)
        let ids = try await store.append([Sample.item("bad"), Sample.item("good")])
        #expect(try await store.pending(limit: 10).map(\.attempts) == [0, 0])
        #expect(try await store.recordFailure(inboxId: ids[0], error: "no decoder", maxAttempts: 3, at: Sample.t0) == false)
        #expect(try await store.pending(limit: 10).map(\.attempts) == [1, 0])
        #expect(try await store.recordFailure(inboxId: ids[0], error: "no decoder", maxAttempts: 2, at: Sample.t0) == true)
        #expect(try await store.pending(limit: 10).map(\.id) == [ids[1]])
    }

    /// Past 8,192 waiting rows the copy is dropped; the store reads the database until it has
    /// caught up, and nothing is skipped or repeated on the way.
    @Test func aBacklogPastTheCopysBoundsIsServedFromTheDatabase() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }

        #expect(try await store.pending(limit: 10).isEmpty)
        var appended: [Int64] = []
        for chunk in stride(from: 0, to: 9000, by: 500) {
            appended += try await store.append((chunk..<chunk + 500).map { Sample.item("p\($0)") })
        }
        var seen: [Int64] = []
        var lateAdded = false
        while true {
            let batch = try await store.pending(limit: 2048)
            if batch.isEmpty { break }
            seen += batch.map(\.id)
            try await store.commit(ProcessedBatch(inboxIds: batch.map(\.id)), at: Sample.t0)
            if !lateAdded {
                // A new arrival while catching up.
                appended += try await store.append([Sample.item("late")])
                lateAdded = true
            }
        }
        #expect(seen == appended)
    }

    /// When SQLite itself rolls a transaction back (here a trigger's RAISE(ROLLBACK); in life a
    /// full disk), GRDB keeps the commit hooks registered in it and runs them at the next commit.
    /// Those of the failed batch must not ack its payloads or queue its deliveries in the copy.
    @Test func aBatchSQLiteRolledBackLeavesNoTraceInTheCopy() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }

        // The trigger comes first, from another connection, so that the copies start after it
        // (a write by another connection alone would drop them).
        try await folder.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ROLLBACK, 'refused'); END")
        #expect(try await store.pending(limit: 10).isEmpty)
        #expect(try await store.dueDeliveries(now: Sample.at(10), limit: 10).isEmpty)
        let ids = try await store.append([Sample.item("kept")])
        let audit = AuditEntry(at: Sample.t0, step: "alert_processed", fingerprint: "fp1")
        await #expect(throws: (any Error).self) {
            try await store.commit(ProcessedBatch(inboxIds: ids, deliveries: [Sample.delivery()], audit: [audit]), at: Sample.t0)
        }
        // The next commit of this store: a stale hook would run now.
        _ = try await store.append([Sample.item("next")])
        #expect(try await store.pending(limit: 10).map(\.item.body) == [Data("kept".utf8), Data("next".utf8)])
        #expect(try await store.dueDeliveries(now: Sample.at(10), limit: 10).isEmpty)
        #expect(try await store.outboxDepth() == 0)
    }

    /// The intake's group commit runs its own BEGIN and COMMIT. A payload the database refuses
    /// (a trigger here; in life a full disk) fails every payload of its transaction, whether
    /// SQLite rolls back itself (ROLLBACK) or leaves it to the writer (ABORT): nothing of it is
    /// stored or in the copy, and the next append commits normally.
    @Test(arguments: ["ROLLBACK", "ABORT"])
    func aRefusedAppendStoresNothingAndTheNextOneWorks(_ raise: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }
        try await folder.execute("""
            CREATE TRIGGER refuse_payload BEFORE INSERT ON inbox WHEN CAST(NEW.body AS TEXT) = 'refused'
            BEGIN SELECT RAISE(\(raise), 'refused'); END
            """)
        #expect(try await store.pending(limit: 10).isEmpty)
        _ = try await store.append([Sample.item("first")])
        await #expect(throws: (any Error).self) {
            try await store.append([Sample.item("same group"), Sample.item("refused")])
        }
        _ = try await store.append([Sample.item("after")])
        #expect(try await store.pending(limit: 10).map(\.item.body) == [Data("first".utf8), Data("after".utf8)])
        #expect(try await store.inboxDepth() == 2)
    }

    @Test func aBackgroundCheckpointCopiesTheWholeWAL() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath, backgroundCheckpoints: true)
        defer { try? store.close() }

        _ = try await store.append((0..<200).map { Sample.item(String(repeating: "x", count: 2000) + "\($0)") })
        let result = try await store.checkpoint()
        #expect(result.walFrames > 0)
        #expect(result.checkpointed == result.walFrames)
        #expect(try await store.inboxDepth() == 200)
    }

    /// While payloads keep arriving, the WAL must still start over after checkpoints; one that
    /// only grows is written past the end of its file, where every new page costs the kernel a
    /// zeroing (ADR 0054's background checkpoints, and the catch-up on the writer).
    @Test func theWALStartsOverWhileWritesGoOn() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath, backgroundCheckpoints: true)
        defer { try? store.close() }

        let writing = Task {
            var appended = 0
            while !Task.isCancelled {
                _ = try await store.append([Sample.item(String(repeating: "x", count: 3000) + "\(appended)")])
                appended += 1
            }
            return appended
        }
        var frames: [Int] = []
        for _ in 0..<30 {
            try await Task.sleep(for: .milliseconds(20))
            do {
                frames.append(try await store.checkpoint().walFrames)
            } catch let error as StoreError where error.reason == .busy {
                continue  // WALCheckpointer tries again next time, and so does this test
            }
        }
        writing.cancel()
        let appended = try await writing.value
        #expect(appended > 30, "the writes did not overlap the checkpoints")
        // A restart shows as a WAL smaller than at the checkpoint before.
        #expect(zip(frames, frames.dropFirst()).contains { $1 < $0 }, "WAL frames after each checkpoint: \(frames)")
    }
}
