import Foundation
import KlaxonCore
import KlaxonStore
import Testing

@Suite("Batch commit and outbox, on every store")
struct OutboxConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func aCommitAcksRecordsQueuesAndAuditsTogether(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.append([Sample.item("a"), Sample.item("b")])
            let audit = AuditEntry(at: Sample.at(3), step: "alert_processed", fingerprint: "fp1", detail: ["action": "CREATE"])
            try await store.commit(ProcessedBatch(
                inboxIds: [ids[0]], records: [Sample.record("fp1")],
                deliveries: [Sample.delivery("discord"), Sample.delivery("slack")], audit: [audit]
            ), at: Sample.at(3))

            #expect(try await store.pending(limit: 10).map(\.id) == [ids[1]])
            #expect(try await store.records(fingerprints: ["fp1"])["fp1"] == Sample.record("fp1"))
            let due = try await store.dueDeliveries(now: Sample.at(3), limit: 10)
            #expect(due.map(\.delivery) == [Sample.delivery("discord"), Sample.delivery("slack")])
            #expect(due.allSatisfy { $0.attempts == 0 && $0.lastError == nil && $0.nextAttemptAt == Sample.at(3) })
            #expect(try await store.outboxDepth() == 2)
            #expect(try await store.recentAudit(limit: 10) == [audit])
        }
    }

    /// A delivery's key is unique because the payload it comes from is decided once: the batch
    /// that acknowledges it is the one that queues its deliveries (ADR 0055). A second batch
    /// acknowledging the same payload — another process got there first — fails whole.
    @Test(arguments: StoreKind.allCases)
    func aPayloadIsAcknowledgedOnceAndASecondBatchForItWritesNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.append([Sample.item("a"), Sample.item("b")])
            try await store.commit(ProcessedBatch(inboxIds: [ids[0]], records: [Sample.record("fp1")], deliveries: [Sample.delivery()]), at: Sample.t0)
            #expect(try await store.outboxDepth() == 1)

            let again = ProcessedBatch(
                inboxIds: [ids[1], ids[0]], records: [Sample.record("fp2")],
                deliveries: [Sample.delivery(), Sample.delivery(fingerprint: "fp2")],
                audit: [AuditEntry(at: Sample.at(1), step: "alert_processed", fingerprint: "fp2", detail: [:])])
            let error = await #expect(throws: StoreError.self) { try await store.commit(again, at: Sample.at(1)) }
            #expect(error?.reason == .constraint)
            #expect(error?.description.contains("inbox payload \(ids[0]) was already processed") == true)
            // Nothing of it: the other payload is still pending, no record, delivery or audit row.
            #expect(try await store.pending(limit: 10).map(\.id) == [ids[1]])
            #expect(try await store.records(fingerprints: ["fp2"]).isEmpty)
            #expect(try await store.outboxDepth() == 1)
            #expect(try await store.recentAudit(limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aCommitThatFailsPartWayWritesNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.append([Sample.item("a")])
            let broken = Sample.record("fp-broken", occurrences: -1)
            let error = await #expect(throws: StoreError.self) {
                try await store.commit(ProcessedBatch(
                    inboxIds: ids, records: [Sample.record("fp-good"), broken],
                    deliveries: [Sample.delivery()], audit: [AuditEntry(at: Sample.t0, step: "alert_processed")]
                ), at: Sample.t0)
            }
            #expect(error?.reason == .constraint)
            #expect(error?.operation == .commit)
            #expect(try await store.pending(limit: 10).map(\.id) == ids)
            #expect(try await store.records(fingerprints: ["fp-good", "fp-broken"]).isEmpty)
            #expect(try await store.outboxDepth() == 0)
            #expect(try await store.recentAudit(limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func dueRescheduleDeliverAndDeadLetter(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let first = Sample.delivery("discord")
            let second = Sample.delivery("slack")
            try await store.commit(ProcessedBatch(deliveries: [first, second]), at: Sample.t0)
            #expect(try await store.dueDeliveries(now: Sample.at(-0.001), limit: 10).isEmpty)
            #expect(try await store.nextDueAt() == Sample.t0)
            let due = try await store.dueDeliveries(now: Sample.t0, limit: 10)
            #expect(due.map(\.delivery) == [first, second])
            #expect(try await store.dueDeliveries(now: Sample.t0, limit: 1).map(\.delivery) == [first])

            try await store.reschedule(outboxId: due[0].id, nextAttemptAt: Sample.at(60.5), error: "HTTP 503")
            #expect(try await store.dueDeliveries(now: Sample.at(60), limit: 10).map(\.delivery) == [second])
            #expect(try await store.nextDueAt() == Sample.t0)
            let retried = try #require(try await store.dueDeliveries(now: Sample.at(60.5), limit: 10).first)
            #expect(retried.id == due[0].id)
            #expect(retried.attempts == 1)
            #expect(retried.lastError == "HTTP 503")
            #expect(retried.nextAttemptAt == Sample.at(60.5))

            try await store.markDelivered(outboxId: due[1].id, at: Sample.at(1))
            #expect(try await store.outboxDepth() == 1)
            #expect(try await store.nextDueAt() == Sample.at(60.5))

            try await store.deadLetterDelivery(outboxId: due[0].id, reason: "HTTP 404 unknown webhook", at: Sample.at(61))
            #expect(try await store.outboxDepth() == 0)
            #expect(try await store.nextDueAt() == nil)
            #expect(try await store.dueDeliveries(now: Sample.at(1000), limit: 10).isEmpty)
            let letter = try #require(try await store.deadLetters(limit: 10).first)
            #expect(letter.kind == .delivery)
            #expect(letter.origin == "discord")
            #expect(letter.error == "HTTP 404 unknown webhook")
            #expect(letter.attempts == 2)
            #expect(letter.createdAt == Sample.at(61))
            #expect(try JSONDecoder().decode(Delivery.self, from: letter.body) == first)
            // A second dead-lettering of the same row does nothing.
            try await store.deadLetterDelivery(outboxId: due[0].id, reason: "again", at: Sample.at(62))
            #expect(try await store.deadLetterCount() == 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aReplayedDeliveryIsDueNowWithAttemptsReset(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let delivery = Sample.delivery("teams")
            try await store.commit(ProcessedBatch(deliveries: [delivery]), at: Sample.t0)
            let entry = try #require(try await store.dueDeliveries(now: Sample.t0, limit: 1).first)
            try await store.reschedule(outboxId: entry.id, nextAttemptAt: Sample.at(1), error: "timeout")
            try await store.deadLetterDelivery(outboxId: entry.id, reason: "gave up", at: Sample.at(2))
            let letter = try #require(try await store.deadLetters(limit: 10).first)

            #expect(try await store.replayDeadLetter(id: letter.id, at: Sample.at(500)))
            #expect(try await store.deadLetterCount() == 0)
            #expect(try await store.outboxDepth() == 1)
            #expect(try await store.nextDueAt() == Sample.at(500))
            #expect(try await store.dueDeliveries(now: Sample.at(499), limit: 10).isEmpty)
            let replayed = try #require(try await store.dueDeliveries(now: Sample.at(500), limit: 10).first)
            // The same delivery, whose retry window restarts at the replay.
            var restarted = delivery
            restarted.createdAt = Sample.at(500)
            #expect(replayed.delivery == restarted)
            #expect(replayed.attempts == 0)
            #expect(replayed.lastError == nil)
            // A new row after the dead one, which stays in the log and is not waiting.
            #expect(replayed.id > entry.id)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func depthsCountOnlyWhatIsWaiting(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.inboxDepth() == 0)
            #expect(try await store.outboxDepth() == 0)
            #expect(try await store.deadLetterCount() == 0)
            #expect(try await store.nextDueAt() == nil)
            let ids = try await store.append([Sample.item("a"), Sample.item("b"), Sample.item("c")])
            try await store.commit(ProcessedBatch(
                inboxIds: [ids[0]],
                deliveries: (1...4).map { Sample.delivery(action: .comment, sequence: $0) }
            ), at: Sample.t0)
            let due = try await store.dueDeliveries(now: Sample.t0, limit: 10)
            try await store.markDelivered(outboxId: due[0].id, at: Sample.t0)
            try await store.deadLetterDelivery(outboxId: due[1].id, reason: "no", at: Sample.t0)
            _ = try await store.recordFailure(inboxId: ids[1], error: "bad", maxAttempts: 1, at: Sample.t0)
            #expect(try await store.inboxDepth() == 1)
            #expect(try await store.outboxDepth() == 2)
            #expect(try await store.deadLetterCount() == 2)
        }
    }
}
