import Foundation
import KlaxonCore
import KlaxonStore
import Testing

@Suite("GitHub issue links and postponed deliveries, on every store")
struct IssueLinkConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func linksAreSavedReplacedAndFoundByNumber(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.issueLink(receiver: "gh", fingerprint: "fp", occurrence: 1) == nil)
            var first = IssueLink(receiver: "gh", fingerprint: "fp", occurrence: 1, number: 12, createdAt: Sample.at(1.5))
            try await store.saveIssueLink(first)
            #expect(try await store.issueLink(receiver: "gh", fingerprint: "fp", occurrence: 1) == first)
            first.lastCommentAt = Sample.at(9.25)
            first.pendingRecurrences = 3
            first.lastSequence = 5
            first.closedByKlaxon = true
            try await store.saveIssueLink(first)
            #expect(try await store.issueLink(receiver: "gh", fingerprint: "fp", occurrence: 1) == first)
            let second = IssueLink(receiver: "gh", fingerprint: "fp", occurrence: 2, number: 13, createdAt: Sample.at(20))
            try await store.saveIssueLink(second)
            #expect(try await store.issueLink(receiver: "gh", number: 13) == second)
            #expect(try await store.issueLink(receiver: "gh", number: 12) == first)
            #expect(try await store.issueLink(receiver: "other", number: 12) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func postponingMovesTheNextAttemptWithoutCountingOne(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let delivery = Delivery(receiver: "gh", fingerprint: "fp", occurrence: 1, action: .create, sequence: 1, alert: Sample.alert(), createdAt: Sample.t0)
            try await store.commit(ProcessedBatch(deliveries: [delivery]), at: Sample.t0)
            let entry = try #require(try await store.dueDeliveries(now: Sample.t0, limit: 5).first)
            try await store.postpone(outboxIds: [entry.id], until: Sample.at(30))
            #expect(try await store.dueDeliveries(now: Sample.at(29.999), limit: 5).isEmpty)
            let due = try #require(try await store.dueDeliveries(now: Sample.at(30), limit: 5).first)
            #expect(due.attempts == 0 && due.lastError == nil)
            #expect(try await store.nextDueAt() == Sample.at(30))
        }
    }
}
