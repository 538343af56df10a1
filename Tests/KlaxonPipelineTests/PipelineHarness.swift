import Foundation
import KlaxonCore
import KlaxonIngest
import KlaxonPipeline
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging

/// A processor and a dispatcher over an in-memory store, a manual clock and recording notifiers.
struct PipelineHarness {
    let storage = InMemoryStorage()
    let clock = ManualClock(Date(timeIntervalSince1970: 1_760_000_000))
    let processor: Processor
    let dispatcher: Dispatcher
    let notifiers: [String: RecordingNotifier]

    init(receivers: [String] = ["a"], routes: [RouteConfig]? = nil, retry: RetryPolicy = RetryPolicy(), maxDecodeAttempts: Int = 3) {
        var notifiers: [String: RecordingNotifier] = [:]
        for name in receivers { notifiers[name] = RecordingNotifier(name: name) }
        self.notifiers = notifiers
        let logger = Logger(label: "test")
        let metrics = PipelineMetrics()
        processor = Processor(
            storage: storage, decoder: AlertDecoder(options: DecodeOptions()),
            router: Router(routes: routes ?? [RouteConfig(receivers: receivers)]), clock: clock,
            settings: .init(maxDecodeAttempts: maxDecodeAttempts), logger: logger, metrics: metrics,
            inboxSignal: WakeupSignal(), outboxSignal: WakeupSignal())
        dispatcher = Dispatcher(
            storage: storage, notifiers: Array(notifiers.values), clock: clock, settings: .init(retry: retry, lanesPerReceiver: 1),
            logger: logger, metrics: metrics, signal: WakeupSignal(), jitter: { 1.0 })
    }

    // One lane: these tests script outcomes in send order, which is only fixed across
    // fingerprints when one send is in flight (see DestinationGateDispatchTests for lanes).

    /// Appends an app event (POST /api/v1/events body) to the inbox.
    func event(_ title: String, severity: String = "critical", team: String = "sre") async throws {
        let body = #"{"title":"\#(title)","severity":"\#(severity)","team":"\#(team)"}"#
        _ = try await storage.append([InboxItem(kind: PayloadKind.appEvent.rawValue, body: Data(body.utf8), receivedAt: clock.now(), requestId: "r")])
    }
}
