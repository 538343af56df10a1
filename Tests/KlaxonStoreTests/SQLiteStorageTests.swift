import Foundation
import GRDB
import KlaxonCore
import KlaxonStore
import Testing

@Suite("SQLite store: files, processes, group commit, errors")
struct SQLiteStorageTests {
    @Test func dataSurvivesClosingAndReopeningTheFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ids: [Int64]
        do {
            let store = try SQLiteStorage(path: folder.databasePath)
            ids = try await store.append([Sample.item("a"), Sample.item("b")])
            try await store.commit(ProcessedBatch(inboxIds: [ids[0]], records: [Sample.record("fp1")], deliveries: [Sample.delivery()]), at: Sample.t0)
            try await store.setMutedUntil(1_760_003_600, by: "alice", at: Sample.t0)
            try store.close()
        }
        let reopened = try SQLiteStorage(path: folder.databasePath)
        defer { try? reopened.close() }
        #expect(try await reopened.pending(limit: 10).map(\.item) == [Sample.item("b")])
        #expect(try await reopened.records(fingerprints: ["fp1"])["fp1"] == Sample.record("fp1"))
        #expect(try await reopened.dueDeliveries(now: Sample.t0, limit: 10).map(\.delivery) == [Sample.delivery()])
        #expect(try await reopened.muteState().value == "1760003600")
        // Ids keep growing after a reopen, even past deleted rows.
        let next = try await reopened.append([Sample.item("c")])
        #expect(next[0] > ids[1])
    }

    /// A mute or silence and its audit row are one transaction: an audit insert that fails (here a
    /// trigger refuses it) leaves the mute and the silences as they were.
    @Test func aRefusedAuditRowRollsBackTheMuteAndTheSilence() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }
        try await store.setMutedUntil(0, by: "bob", at: Sample.t0)
        try await folder.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END")
        let entry = AuditEntry(at: Sample.at(1), step: "alert_muted", actor: "alice")
        await #expect(throws: (any Error).self) { try await store.setMutedUntil(1_760_003_600, by: "alice", at: Sample.at(1), audit: entry) }
        #expect(try await store.muteState() == MuteState(value: "0", by: "bob", at: Sample.t0))
        let silence = Silence(id: "s-1", matchers: [try Matcher(parsing: "team=web")], startsAt: Sample.t0, endsAt: Sample.at(3600), createdBy: "alice", comment: "")
        await #expect(throws: (any Error).self) { try await store.addSilence(silence, audit: entry) }
        #expect(try await store.allSilences(limit: 10).isEmpty)
    }

    @Test func twoInstancesOnOneFileSeeEachOthersWrites() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try SQLiteStorage(path: folder.databasePath)
        defer { try? server.close() }
        let cli = try SQLiteStorage(path: folder.databasePath)
        defer { try? cli.close() }

        try await cli.setMutedUntil(1_760_007_200, by: "cli", at: Sample.t0)
        #expect(try await server.muteState() == MuteState(value: "1760007200", by: "cli", at: Sample.t0))

        // Both write at once: the busy timeout lets them take turns.
        let bodies = (0..<60).map { "p\($0)" }
        let ids = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for (index, body) in bodies.enumerated() {
                let store = index.isMultiple(of: 2) ? server : cli
                group.addTask { try await store.append([Sample.item(body)]) }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(ids).count == 60)
        #expect(Set(try await cli.pending(limit: 100).map(\.item.body)) == Set(bodies.map { Data($0.utf8) }))
        #expect(try await server.inboxDepth() == 60)
    }

    @Test func concurrentAppendsShareTransactions() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }

        let results = try await withThrowingTaskGroup(of: (String, Int64).self) { group in
            for n in 0..<200 {
                group.addTask {
                    let ids = try await store.append([Sample.item("payload-\(n)")])
                    return ("payload-\(n)", ids[0])
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.1] = $1.0 }
        }
        #expect(results.count == 200)
        let pending = try await store.pending(limit: 1000)
        #expect(pending.count == 200)
        for entry in pending {
            #expect(results[entry.id].map { Data($0.utf8) } == entry.item.body)
        }
        let stats = await store.appendStats
        #expect(stats.appends == 200)
        #expect(stats.items == 200)
        #expect(stats.transactions < 200)
        #expect(stats.largestGroup > 1)
        #expect(await store.appendTransactions == stats.transactions)
    }

    @Test(arguments: [(SQLiteStorage.SyncMode.normal, 1), (.full, 2)])
    func syncModeSetsSynchronousInWALMode(mode: SQLiteStorage.SyncMode, pragma: Int) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath, sync: mode)
        defer { try? store.close() }
        #expect(try await store.settings() == SQLiteStorage.Settings(journalMode: "wal", synchronous: pragma))
        let ids = try await store.append([Sample.item("durable")])
        #expect(try await store.pending(limit: 1).map(\.id) == ids)
    }

    @Test func aClosedStoreFailsWithReasonClosedAndWritesNothing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        try store.close()
        let commit = await #expect(throws: StoreError.self) {
            try await store.commit(ProcessedBatch(records: [Sample.record("fp1")]), at: Sample.t0)
        }
        #expect(commit?.reason == .closed)
        let append = await #expect(throws: StoreError.self) { try await store.append([Sample.item("a")]) }
        #expect(append?.reason == .closed)
        #expect(append?.operation == .append)
        await #expect(throws: StoreError.self) { try await store.ping() }

        let reopened = try SQLiteStorage(path: folder.databasePath)
        defer { try? reopened.close() }
        #expect(try await reopened.allRecords(limit: 10).isEmpty)
        #expect(try await reopened.inboxDepth() == 0)
    }

    @Test func openingErrorsAreMappedToReasons() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.url.appendingPathComponent("no/such/folder/klaxon.sqlite").path
        let cannotOpen = #expect(throws: StoreError.self) { _ = try SQLiteStorage(path: missing) }
        #expect(cannotOpen?.reason == .io)
        #expect(cannotOpen?.operation == .open)

        let garbage = folder.url.appendingPathComponent("garbage.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: garbage)
        let notADatabase = #expect(throws: StoreError.self) { _ = try SQLiteStorage(path: garbage.path) }
        #expect(notADatabase?.reason == .corrupt)
        #expect(notADatabase?.description.contains("SELECT") == false)
    }
}
