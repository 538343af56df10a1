import Foundation
import KlaxonCore
import KlaxonStore
import Testing

@Suite("Inbox and dead letters, on every store")
struct InboxConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func appendedPayloadsArePendingOldestFirst(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let first = try await store.append([Sample.item("a"), Sample.item("b")])
            let second = try await store.append([Sample.item("c"), InboxItem(kind: "grafana", body: Data(), receivedAt: Sample.t0, requestId: "empty")])
            #expect(first.count == 2 && second.count == 2)
            #expect(Set(first + second).count == 4)
            #expect(first[0] < first[1] && first[1] < second[0])

            let pending = try await store.pending(limit: 10)
            #expect(pending.map(\.id) == first + second)
            #expect(pending[0].item == Sample.item("a"))
            #expect(pending[2].item == Sample.item("c"))
            #expect(pending[3].item.body.isEmpty && pending[3].item.kind == "grafana")
            #expect(pending.allSatisfy { $0.attempts == 0 })
            #expect(try await store.pending(limit: 2).map(\.id) == first)
            #expect(try await store.inboxDepth() == 4)
            #expect(try await store.append([]) == [])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func failuresMoveAPayloadToDeadLettersAtMaxAttempts(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.append([Sample.item("poison"), Sample.item("fine")])
            #expect(try await store.recordFailure(inboxId: ids[0], error: "e1", maxAttempts: 3, at: Sample.at(1)) == false)
            #expect(try await store.recordFailure(inboxId: ids[0], error: "e2", maxAttempts: 3, at: Sample.at(2)) == false)
            #expect(try await store.pending(limit: 10).first?.attempts == 2)
            #expect(try await store.deadLetterCount() == 0)

            #expect(try await store.recordFailure(inboxId: ids[0], error: "bad json at 3", maxAttempts: 3, at: Sample.at(3.25)) == true)
            #expect(try await store.pending(limit: 10).map(\.id) == [ids[1]])
            #expect(try await store.inboxDepth() == 1)
            #expect(try await store.deadLetterCount() == 1)
            let letters = try await store.deadLetters(limit: 10)
            #expect(letters.count == 1)
            let letter = try #require(letters.first)
            #expect(letter.kind == .payload)
            #expect(letter.origin == "cloudwatch")
            #expect(letter.error == "bad json at 3")
            #expect(letter.attempts == 3)
            #expect(letter.createdAt == Sample.at(3.25))
            #expect(letter.body == Data("poison".utf8))

            #expect(try await store.recordFailure(inboxId: 999_999, error: "x", maxAttempts: 1, at: Sample.t0) == false)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aReplayedPayloadReturnsToTheInboxWithAttemptsReset(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.append([Sample.item("poison", kind: "alertmanager")])
            #expect(try await store.recordFailure(inboxId: ids[0], error: "boom", maxAttempts: 1, at: Sample.at(5)))
            let letter = try #require(try await store.deadLetters(limit: 1).first)

            #expect(try await store.replayDeadLetter(id: letter.id, at: Sample.at(9)))
            #expect(try await store.deadLetterCount() == 0)
            let pending = try await store.pending(limit: 10)
            #expect(pending.count == 1)
            #expect(pending.first?.attempts == 0)
            #expect(pending.first?.item == Sample.item("poison", kind: "alertmanager"))
            #expect(try await store.replayDeadLetter(id: letter.id, at: Sample.at(9)) == false)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pingSucceedsOnAnOpenStore(kind: StoreKind) async throws {
        try await withStore(kind) { store in try await store.ping() }
    }
}
