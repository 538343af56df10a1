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

@Suite("A processor's write keeps what the notifier and the webhook wrote since it read, on every store")
struct ConcurrentRecordWriteTests {
    @Test(arguments: StoreKind.allCases)
    func externalRefAndManualCloseSurviveAStaleWriteOfTheSameOccurrence(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var record = Sample.record("fp1", occurrences: 2)
            record.status = .open
            record.lastAction = .create
            record.externalRef = nil
            record.manuallyClosed = false
            record.manuallyClosedAt = nil
            try await store.commit(ProcessedBatch(records: [record]), at: Sample.t0)
            // The processor has read `record`; meanwhile the notifier and a person act.
            try await store.setExternalRef(fingerprint: "fp1", ref: "o/r#7")
            #expect(try await store.markManuallyClosed(fingerprint: "fp1", at: Sample.at(5)))
            var stale = record
            stale.lastAction = .comment
            stale.notifications = 2
            try await store.commit(ProcessedBatch(records: [stale]), at: Sample.at(6))
            let kept = try #require(try await store.records(fingerprints: ["fp1"])["fp1"])
            #expect(kept.externalRef == "o/r#7")
            #expect(kept.manuallyClosed && kept.manuallyClosedAt == Sample.at(5))
            #expect(kept.notifications == 2)
            // A new occurrence starts clean.
            var next = stale
            next.occurrences = 3
            next.lastAction = .create
            next.externalRef = nil
            next.manuallyClosed = false
            next.manuallyClosedAt = nil
            try await store.commit(ProcessedBatch(records: [next]), at: Sample.at(7))
            let fresh = try #require(try await store.records(fingerprints: ["fp1"])["fp1"])
            #expect(fresh.externalRef == nil && !fresh.manuallyClosed)
        }
    }
}
