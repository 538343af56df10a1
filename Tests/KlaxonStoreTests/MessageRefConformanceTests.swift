import Foundation
import KlaxonCore
import KlaxonStore
import Testing

@Suite("Message references for edit-in-place, on every store")
struct MessageRefConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func aReferenceIsKeptPerReceiverFingerprintAndOccurrence(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let refs = try #require(store as? any MessageRefStore)
            #expect(try await refs.messageRef(receiver: "ops", fingerprint: "fp1", occurrence: 1) == nil)
            try await refs.setMessageRef(receiver: "ops", fingerprint: "fp1", occurrence: 1, ref: "111", at: Sample.t0)
            try await refs.setMessageRef(receiver: "ops", fingerprint: "fp1", occurrence: 2, ref: "222", at: Sample.t0)
            try await refs.setMessageRef(receiver: "other", fingerprint: "fp1", occurrence: 1, ref: "333", at: Sample.t0)
            #expect(try await refs.messageRef(receiver: "ops", fingerprint: "fp1", occurrence: 1) == "111")
            #expect(try await refs.messageRef(receiver: "ops", fingerprint: "fp1", occurrence: 2) == "222")
            #expect(try await refs.messageRef(receiver: "other", fingerprint: "fp1", occurrence: 1) == "333")
            try await refs.setMessageRef(receiver: "ops", fingerprint: "fp1", occurrence: 1, ref: "C1|1700.1", at: Sample.at(1))
            #expect(try await refs.messageRef(receiver: "ops", fingerprint: "fp1", occurrence: 1) == "C1|1700.1")
        }
    }

    @Test func aReferenceSurvivesReopeningTheDatabase() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try SQLiteStorage(path: folder.databasePath)
            try await store.setMessageRef(receiver: "ops", fingerprint: "fp1", occurrence: 1, ref: "123456789012345678", at: Sample.t0)
            try store.close()
        }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }
        #expect(try await store.messageRef(receiver: "ops", fingerprint: "fp1", occurrence: 1) == "123456789012345678")
    }
}
