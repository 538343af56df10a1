import Foundation
import KlaxonCore
import KlaxonPipeline
import KlaxonStore
import KlaxonTesting
import Testing

/// The processor's service loop decides the next pass while the last one commits. What that
/// pass must see is what the store will hold once the commit lands.
@Suite("Processor: a pass decided while the last one commits")
struct OverlappedPassTests {
    @Test func seesTheRecordsOfThePassInFlightAndSkipsItsPayloads() async throws {
        let harness = PipelineHarness()
        try await harness.event("Disk full")
        let first = try #require(try await harness.processor.decide(after: nil))
        #expect(first.report.actions == [.create])

        // The same alert again, before the first pass committed: the store has no record yet,
        // so only the carried one says this is the open occurrence.
        try await harness.event("Disk full")
        let second = try #require(try await harness.processor.decide(after: first.carry))
        #expect(second.report.payloads == 1)
        #expect(second.report.actions == [.comment])
        #expect(Set(second.batch.inboxIds).isDisjoint(with: first.batch.inboxIds))

        // Nothing else is pending past the pass in flight.
        var both = first.carry
        both.inboxIds.formUnion(second.carry.inboxIds)
        #expect(try await harness.processor.decide(after: both) == nil)

        _ = try await harness.processor.commit(first)
        _ = try await harness.processor.commit(second)
        try await harness.dispatcher.dispatchPass()
        #expect(harness.notifiers["a"]!.attempts.map(\.action) == [.create, .comment])
        let record = try #require(try await harness.storage.allRecords(limit: 5).first)
        #expect(record.status == .open)
        #expect(try await harness.storage.inboxDepth() == 0)
    }

    @Test func aSilenceThePassInFlightEndsNoLongerSilences() async throws {
        let harness = PipelineHarness()
        try await harness.event("Disk full")
        try await harness.processor.processPass()
        try await harness.dispatcher.dispatchPass()
        let fingerprint = try #require(try await harness.storage.allRecords(limit: 1).first?.fingerprint)
        let ack = try Silence.acknowledgement(fingerprint: fingerprint, idSuffix: "1", by: "discord:42", now: harness.clock.now())
        try await harness.storage.addSilence(ack)

        try await harness.event("Disk full")
        let silenced = try #require(try await harness.processor.decide(after: nil))
        #expect(silenced.report.suppressed == 1)
        let unsilenced = try #require(try await harness.processor.decide(after: .init(expiredSilenceIds: [ack.id])))
        #expect(unsilenced.report.suppressed == 0)
        #expect(unsilenced.report.deliveries == 1)
    }
}

@Suite("WakeupSignal")
struct WakeupSignalTests {
    @Test func aSignalBeforeTheWaitEndsItAtOnce() async {
        let signal = WakeupSignal()
        signal.signal()
        let started = ContinuousClock.now
        await signal.wait(timeout: .seconds(60))
        // Far below the timeout: the wait returned on the signal, not on its timer.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func aWaitWithoutASignalEndsAtItsTimeout() async {
        let signal = WakeupSignal()
        let started = ContinuousClock.now
        await signal.wait(timeout: .milliseconds(50))
        #expect(ContinuousClock.now - started >= .milliseconds(50))
    }

    @Test func aSignalFromAnotherThreadWakesTheWaiter() async {
        let signal = WakeupSignal()
        let started = ContinuousClock.now
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            signal.signal()
        }
        await signal.wait(timeout: .seconds(60))
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func cancellingTheWaitingTaskEndsTheWait() async {
        let signal = WakeupSignal()
        let started = ContinuousClock.now
        let waiting = Task { await signal.wait(timeout: .seconds(60)) }
        try? await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        await waiting.value
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
