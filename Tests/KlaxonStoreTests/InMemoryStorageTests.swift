import Foundation
import KlaxonCore
import KlaxonStore
import Testing

@Suite("In-memory store test hooks")
struct InMemoryStorageTests {
    @Test func aFailingMuteStoreLetsTheGateFailOpen() async throws {
        let store = InMemoryStorage()
        try await store.setMutedUntil(1_760_003_600, by: "alice", at: Sample.t0)
        await store.setFailing(true, operations: [.muteState])
        let error = await #expect(throws: StoreError.self) { try await store.muteState() }
        #expect(error?.reason == .unavailable)
        #expect(error?.operation == .muteState)
        let decision = await MuteGate.decide(reading: { try await store.muteState().value }, now: Sample.t0)
        #expect(decision.isMuted == false)
        // Other operations still work.
        #expect(try await store.append([Sample.item("a")]).count == 1)

        await store.setFailing(false, operations: [.muteState])
        #expect(try await store.muteState().value == "1760003600")
    }

    @Test func aFailingCommitWritesNothing() async throws {
        let store = InMemoryStorage()
        let ids = try await store.append([Sample.item("a")])
        await store.setFailing(true)
        await #expect(throws: StoreError.self) {
            try await store.commit(ProcessedBatch(inboxIds: ids, records: [Sample.record("fp1")], deliveries: [Sample.delivery()]), at: Sample.t0)
        }
        await #expect(throws: StoreError.self) { try await store.ping() }
        await store.setFailing(false)
        #expect(try await store.inboxDepth() == 1)
        #expect(try await store.outboxDepth() == 0)
        #expect(try await store.allRecords(limit: 10).isEmpty)
    }

    @Test func subMillisecondDatesAreTruncatedLikeSQLite() async throws {
        let store = InMemoryStorage()
        let precise = Date(timeIntervalSince1970: 1_760_000_000.123_456)
        _ = try await store.append([Sample.item("a", receivedAt: precise)])
        #expect(try await store.pending(limit: 1).first?.item.receivedAt == Sample.at(0.123))
    }
}
