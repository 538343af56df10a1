import Foundation
import KlaxonCore
import KlaxonPipeline
import KlaxonTesting
import Testing

@Suite("Dispatcher: retries, Retry-After, dead letters, order per fingerprint")
struct DispatcherTests {
    @Test func retryableIsRescheduledWithBackoffThenDelivered() async throws {
        let harness = PipelineHarness(retry: RetryPolicy(initialBackoff: .seconds(2), maxBackoff: .seconds(60), maxAge: .seconds(3600)))
        harness.notifiers["a"]!.script([.retryable(after: nil, reason: "HTTP 503"), .retryable(after: nil, reason: "HTTP 503")])
        try await harness.event("X")
        try await harness.processor.processPass()
        var report = try await harness.dispatcher.dispatchPass()
        #expect(report.rescheduled == 1)
        // Jitter 1.0: first retry after 2 s, second after 4 s.
        harness.clock.advance(by: 1.9)
        #expect(try await harness.dispatcher.dispatchPass().sent == 0)
        harness.clock.advance(by: 0.2)
        report = try await harness.dispatcher.dispatchPass()
        #expect(report.rescheduled == 1)
        harness.clock.advance(by: 3.9)
        #expect(try await harness.dispatcher.dispatchPass().sent == 0)
        harness.clock.advance(by: 0.2)
        report = try await harness.dispatcher.dispatchPass()
        #expect(report.delivered == 1)
        #expect(harness.notifiers["a"]!.attempts.count == 3)
        #expect(try await harness.storage.outboxDepth() == 0)
    }

    @Test func retryAfterIsHonoured() async throws {
        let harness = PipelineHarness()
        harness.notifiers["a"]!.script([.retryable(after: .seconds(30), reason: "HTTP 429 rate limited")])
        try await harness.event("X")
        try await harness.processor.processPass()
        try await harness.dispatcher.dispatchPass()
        harness.clock.advance(by: 29)
        #expect(try await harness.dispatcher.dispatchPass().sent == 0)
        harness.clock.advance(by: 1.5)
        #expect(try await harness.dispatcher.dispatchPass().delivered == 1)
    }

    @Test func permanentGoesToDeadLettersWithTheReason() async throws {
        let harness = PipelineHarness()
        harness.notifiers["a"]!.script([.permanent(reason: "HTTP 400")])
        try await harness.event("X")
        try await harness.processor.processPass()
        #expect(try await harness.dispatcher.dispatchPass().deadLettered == 1)
        let letter = try #require(try await harness.storage.deadLetters(limit: 5).first)
        #expect(letter.kind == .delivery && letter.origin == "a" && letter.error == "HTTP 400")
        // Replay puts it back and it goes out.
        #expect(try await harness.storage.replayDeadLetter(id: letter.id, at: harness.clock.now()))
        #expect(try await harness.dispatcher.dispatchPass().delivered == 1)
    }

    @Test func givesUpAfterMaxAge() async throws {
        let harness = PipelineHarness(retry: RetryPolicy(initialBackoff: .seconds(10), maxBackoff: .seconds(10), maxAge: .seconds(25)))
        harness.notifiers["a"]!.script(Array(repeating: .retryable(after: nil, reason: "timed out"), count: 10))
        try await harness.event("X")
        try await harness.processor.processPass()
        var passes = 0
        while try await harness.storage.outboxDepth() > 0, passes < 10 {
            try await harness.dispatcher.dispatchPass()
            harness.clock.advance(by: 10)
            passes += 1
        }
        let letter = try #require(try await harness.storage.deadLetters(limit: 5).first)
        #expect(letter.error.hasPrefix("gave up after 4 attempts: timed out"), "\(letter.error)")
    }

    @Test func aWaitingDeliveryHoldsBackTheSameFingerprintOnly() async throws {
        // No Retry-After: a destination's own delay would pause all of its deliveries (see DestinationGate).
        let harness = PipelineHarness(retry: RetryPolicy(initialBackoff: .seconds(5), maxBackoff: .seconds(60), maxAge: .seconds(3600)))
        harness.notifiers["a"]!.script([.retryable(after: nil, reason: "HTTP 500")])
        try await harness.event("X")
        try await harness.event("Y")
        try await harness.processor.processPass()
        harness.clock.advance(by: 1)
        try await harness.event("X")
        try await harness.processor.processPass()
        try await harness.dispatcher.dispatchPass()
        // X's CREATE failed, so X's COMMENT waits; Y went out.
        #expect(harness.notifiers["a"]!.attempts.map { "\($0.alert.title) \($0.action.rawValue)" } == ["X CREATE", "Y CREATE"])
        // A pass before X's retry is due still holds X's COMMENT back.
        harness.clock.advance(by: 2)
        #expect(try await harness.dispatcher.dispatchPass().sent == 0)
        harness.clock.advance(by: 3)
        try await harness.dispatcher.dispatchPass()
        #expect(harness.notifiers["a"]!.attempts.map { "\($0.alert.title) \($0.action.rawValue)" } == ["X CREATE", "Y CREATE", "X CREATE", "X COMMENT"])
    }

    @Test func unknownReceiverIsDeadLettered() async throws {
        let harness = PipelineHarness(receivers: ["a"], routes: [.init(receivers: ["a"])])
        // A delivery for a receiver that was removed from the config since it was queued.
        try await harness.storage.commit(ProcessedBatch(deliveries: [Delivery(
            receiver: "gone", fingerprint: "f", occurrence: 1, action: .create, sequence: 1,
            alert: AlertSamples.alert(), createdAt: harness.clock.now())]), at: harness.clock.now())
        #expect(try await harness.dispatcher.dispatchPass().deadLettered == 1)
    }

    @Test func backoffGrowsAndIsCapped() {
        let policy = RetryPolicy(initialBackoff: .seconds(1), maxBackoff: .seconds(8), maxAge: .seconds(3600))
        #expect(policy.backoff(afterAttempts: 1, jitter: 1) == .seconds(1))
        #expect(policy.backoff(afterAttempts: 3, jitter: 1) == .seconds(4))
        #expect(policy.backoff(afterAttempts: 10, jitter: 1) == .seconds(8))
        #expect(policy.backoff(afterAttempts: 10, jitter: 0) == .seconds(4))
    }

    @Test(arguments: [("120", 120.0), ("0", 0.0), ("1.5", 1.5), ("Wed, 21 Oct 2015 07:28:00 GMT", 60.0), ("soon", -1.0)])
    func retryAfterHeader(_ value: String, seconds: Double) {
        let now = Date(timeIntervalSince1970: 1_445_412_420) // 07:27:00 GMT that day
        let parsed = RetryAfter.parse(value, now: now)
        if seconds < 0 { #expect(parsed == nil) } else { #expect(parsed?.seconds == seconds) }
    }
}

@Suite("Outbox order: held deliveries never block other receivers")
struct OutboxOrderTests {
    @Test func heldDeliveriesStayOutOfTheDueWindow() async throws {
        let harness = PipelineHarness(receivers: ["a", "b"], routes: [.init(receivers: ["a"])])
        harness.notifiers["a"]!.script([.retryable(after: .seconds(60), reason: "HTTP 503")])
        try await harness.event("X")
        try await harness.processor.processPass()
        try await harness.dispatcher.dispatchPass()
        for _ in 0..<3 {
            harness.clock.advance(by: 1)
            try await harness.event("X")
            try await harness.processor.processPass()
        }
        // A delivery for another receiver, queued last.
        try await harness.storage.commit(ProcessedBatch(deliveries: [Delivery(
            receiver: "b", fingerprint: "other", occurrence: 1, action: .create, sequence: 1,
            alert: AlertSamples.alert(), createdAt: harness.clock.now())]), at: harness.clock.now())
        // With room for one, the due window holds b's delivery, not a's held comments.
        let due = try await harness.storage.dueDeliveries(now: harness.clock.now(), limit: 1)
        #expect(due.map(\.delivery.receiver) == ["b"])
    }
}
