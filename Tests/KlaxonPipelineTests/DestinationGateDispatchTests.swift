import Foundation
import KlaxonCore
import KlaxonIngest
import KlaxonPipeline
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import Testing

/// The dispatcher with one receiver whose notifier the test chooses, a manual clock and a store.
struct GatedHarness {
    let storage = InMemoryStorage()
    let clock = ManualClock(Date(timeIntervalSince1970: 1_760_000_000))
    let processor: Processor
    let dispatcher: Dispatcher

    init(notifier: any Notifier, breaker: CircuitBreaker.Settings = .init(failureThreshold: 3, coolDown: .seconds(30)), lanes: Int = 1) {
        let logger = Logger(label: "test")
        let metrics = PipelineMetrics()
        processor = Processor(
            storage: storage, decoder: AlertDecoder(options: DecodeOptions()), router: Router(routes: [RouteConfig(receivers: [notifier.name])]),
            clock: clock, settings: .init(), logger: logger, metrics: metrics, inboxSignal: WakeupSignal(), outboxSignal: WakeupSignal())
        dispatcher = Dispatcher(
            storage: storage, notifiers: [notifier], clock: clock,
            settings: .init(retry: RetryPolicy(initialBackoff: .seconds(1), maxBackoff: .seconds(1), maxAge: .seconds(3600)), breaker: breaker,
                            lanesPerReceiver: lanes),
            logger: logger, metrics: metrics, signal: WakeupSignal(), jitter: { 1.0 })
    }

    func events(_ titles: [String]) async throws {
        let items = titles.map { title in
            InboxItem(kind: PayloadKind.appEvent.rawValue, body: Data(#"{"title":"\#(title)","severity":"critical","team":"sre"}"#.utf8),
                      receivedAt: clock.now(), requestId: "r")
        }
        _ = try await storage.append(items)
        while try await processor.processPass().payloads > 0 {}
    }
}

@Suite("Dispatcher gates: circuit breaker, pacing, burst merging")
struct DestinationGateDispatchTests {
    @Test func openCircuitKeepsDeliveriesQueuedAndAProbeClosesIt() async throws {
        let notifier = RecordingNotifier(name: "a")
        let harness = GatedHarness(notifier: notifier)
        notifier.script(Array(repeating: .retryable(after: nil, reason: "HTTP 502"), count: 3))
        try await harness.events(["A", "B", "C", "D", "E"])
        var report = try await harness.dispatcher.dispatchPass()
        // Three failures open the circuit; D and E are not tried, they wait.
        #expect(report.rescheduled == 3)
        #expect(report.postponed == 2)
        #expect(harness.dispatcher.circuitStates["a"]?.label == "open")
        #expect(try await harness.storage.outboxDepth() == 5)
        harness.clock.advance(by: 10)
        report = try await harness.dispatcher.dispatchPass()
        #expect(report.sent == 0)
        harness.clock.advance(by: 21)
        report = try await harness.dispatcher.dispatchPass()
        #expect(report.delivered == 5)
        #expect(harness.dispatcher.circuitStates["a"]?.label == "closed")
        #expect(notifier.attempts.map(\.alert.title) == ["A", "B", "C", "A", "B", "C", "D", "E"])
        #expect(try await harness.storage.outboxDepth() == 0)
        #expect(try await harness.storage.deadLetterCount() == 0)
    }

    @Test func sendRatePacesAndTheRestWaitInTheOutbox() async throws {
        let notifier = RecordingNotifier(name: "a", sendRate: SendRate(count: 2, per: .seconds(1)))
        let harness = GatedHarness(notifier: notifier)
        try await harness.events(["A", "B", "C", "D", "E"])
        var report = try await harness.dispatcher.dispatchPass()
        #expect(report.delivered == 2)
        #expect(report.postponed == 3)
        // Nothing is due before the next token.
        harness.clock.advance(by: 0.4)
        #expect(try await harness.dispatcher.dispatchPass().sent == 0)
        harness.clock.advance(by: 0.1)
        report = try await harness.dispatcher.dispatchPass()
        #expect(report.delivered == 1)
        harness.clock.advance(by: 1)
        report = try await harness.dispatcher.dispatchPass()
        #expect(report.delivered == 2)
        #expect(notifier.attempts.map(\.alert.title) == ["A", "B", "C", "D", "E"])
    }

    @Test func burstsAreMergedInBatchesKeepingOrder() async throws {
        let notifier = RecordingBatchNotifier(name: "d", maxBatch: 10, sendRate: SendRate(count: 5, per: .seconds(2)))
        let harness = GatedHarness(notifier: notifier)
        try await harness.events((1...23).map { "alert-\($0)" })
        try await harness.events(["alert-1", "alert-2"])
        let report = try await harness.dispatcher.dispatchPass()
        #expect(report.delivered == 25)
        #expect(notifier.messages.map(\.count) == [10, 10, 5])
        let flat = notifier.messages.flatMap { $0 }
        #expect(flat.filter { $0.alert.title == "alert-1" }.map(\.action) == [.create, .comment])
        #expect(flat.map(\.alert.title).prefix(3) == ["alert-1", "alert-2", "alert-3"])
    }

    @Test func aFailedBatchIsRetriedWhole() async throws {
        let notifier = RecordingBatchNotifier(name: "d", maxBatch: 10)
        let harness = GatedHarness(notifier: notifier)
        notifier.script([.retryable(after: .seconds(2), reason: "HTTP 429 rate limited")])
        try await harness.events(["A", "B", "C"])
        #expect(try await harness.dispatcher.dispatchPass().rescheduled == 3)
        harness.clock.advance(by: 1)
        #expect(try await harness.dispatcher.dispatchPass().sent == 0)
        harness.clock.advance(by: 1.1)
        #expect(try await harness.dispatcher.dispatchPass().delivered == 3)
        #expect(notifier.messages.map { $0.map(\.alert.title) } == [["A", "B", "C"], ["A", "B", "C"]])
    }

    @Test func lanesSendFingerprintsConcurrentlyEachInOrderAndOnce() async throws {
        let notifier = RecordingNotifier(name: "a")
        let harness = GatedHarness(notifier: notifier, lanes: 4)
        let titles = (1...12).map { "alert-\($0)" }
        for _ in 0..<3 { try await harness.events(titles) }
        let report = try await harness.dispatcher.dispatchPass()
        #expect(report.delivered == 36)
        #expect(notifier.attempts.count == 36)
        for title in titles {
            #expect(notifier.attempts.filter { $0.alert.title == title }.map(\.sequence) == [1, 2, 3], "\(title)")
        }
        #expect(Set(notifier.attempts.map(\.idempotencyKey)).count == 36)
        #expect(try await harness.storage.outboxDepth() == 0)
    }

    /// An unpaced notifier that merges bursts (a Discord receiver with `rate_limit: off`) gets
    /// lanes too: each lane batches its own fingerprints, so every message stays within one lane
    /// and each fingerprint's story still arrives in order, once.
    @Test func unpacedBatchingNotifierBatchesWithinLanes() async throws {
        let notifier = RecordingBatchNotifier(name: "a", maxBatch: 10, sendRate: nil)
        let harness = GatedHarness(notifier: notifier, lanes: 4)
        let titles = (1...12).map { "alert-\($0)" }
        for _ in 0..<3 { try await harness.events(titles) }
        let report = try await harness.dispatcher.dispatchPass()
        #expect(report.delivered == 36)
        let messages = notifier.messages
        #expect(messages.allSatisfy { $0.count <= 10 })
        #expect(messages.count > 4, "36 deliveries in batches of at most 10 over several lanes")
        for message in messages {
            let lanes = Set(message.map { Dispatcher.lane(of: $0.fingerprint, lanes: 4) })
            #expect(lanes.count == 1, "a message mixes lanes \(lanes)")
        }
        let sent = messages.flatMap { $0 }
        #expect(Set(sent.map(\.idempotencyKey)).count == 36)
        for title in titles {
            #expect(sent.filter { $0.alert.title == title }.map(\.action) == [.create, .comment, .comment], "\(title)")
        }
    }
}
