import Foundation
import KlaxonCore
import KlaxonIngest
import KlaxonPipeline
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging

import Testing

/// A pass stops taking payloads once it holds `maxAlertsPerPass` alerts. After such a pass the
/// next one reads only about as many payloads as that one used (not a whole batch it would
/// mostly leave), and once a pass takes everything it read, whole batches are read again.
@Suite("Processor: how many payloads a pass reads")
struct PassSizeTests {
    @Test func aPassBoundByAlertsReadsAboutWhatTheLastOneUsed() async throws {
        let storage = InMemoryStorage()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_760_000_000))
        var settings = Processor.Settings(batchSize: 256)
        settings.maxAlertsPerPass = 250
        let processor = Processor(
            storage: storage, decoder: AlertDecoder(options: DecodeOptions()), router: Router(routes: [RouteConfig(receivers: ["a"])]),
            clock: clock, settings: settings, logger: Logger(label: "test"), metrics: PipelineMetrics(),
            inboxSignal: WakeupSignal(), outboxSignal: WakeupSignal())

        // Seven payloads of 100 alerts, then 60 of one alert.
        var items: [InboxItem] = []
        for payload in 0..<7 {
            let alerts = (0..<100).map { #"{"labels":{"alertname":"big-\#(payload)-\#($0)","team":"sre"}}"# }
            items.append(Self.item("[" + alerts.joined(separator: ",") + "]", clock: clock))
        }
        for index in 0..<60 { items.append(Self.item(#"[{"labels":{"alertname":"small-\#(index)","team":"sre"}}]"#, clock: clock)) }
        _ = try await storage.append(items)

        var passes: [(payloads: Int, alerts: Int)] = []
        while true {
            let report = try await processor.processPass()
            if report.payloads == 0 { break }
            passes.append((report.payloads, report.alerts))
        }
        // 3 × 100 reach the bound; so again; then 2 × 3 + 16 = 22 payloads are read: the last big
        // one and 21 small ones, all taken; then a whole batch again for the 39 left.
        #expect(passes.map(\.payloads) == [3, 3, 22, 39])
        #expect(passes.map(\.alerts) == [300, 300, 121, 39])
        #expect(try await storage.inboxDepth() == 0)
        let records = try await storage.allRecords(limit: 1000)
        #expect(records.count == 760)
        #expect(Set(records.map(\.alert.title)).count == 760)
        #expect(try await storage.outboxDepth() == 760)
    }

    /// While payloads keep arriving (the inbox signal moves between passes), a pass stops at the
    /// smaller bound, so the intake's commits wait for shorter ones; with nothing arriving, a
    /// backlog is drained in passes of the full bound.
    @Test func passesAreSmallerWhilePayloadsArrive() async throws {
        let storage = InMemoryStorage()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_760_000_000))
        var settings = Processor.Settings(batchSize: 256)
        settings.maxAlertsPerPass = 300
        settings.maxAlertsPerPassWhileReceiving = 100
        let signal = WakeupSignal()
        let processor = Processor(
            storage: storage, decoder: AlertDecoder(options: DecodeOptions()), router: Router(routes: [RouteConfig(receivers: ["a"])]),
            clock: clock, settings: settings, logger: Logger(label: "test"), metrics: PipelineMetrics(),
            inboxSignal: signal, outboxSignal: WakeupSignal())
        // Twelve payloads of 50 alerts.
        let items = (0..<12).map { payload in
            Self.item("[" + (0..<50).map { #"{"labels":{"alertname":"a-\#(payload)-\#($0)","team":"sre"}}"# }.joined(separator: ",") + "]", clock: clock)
        }
        _ = try await storage.append(items)

        var alerts: [Int] = []
        for arriving in [true, true, false, false] {
            if arriving { signal.signal() }
            alerts.append(try await processor.processPass().alerts)
        }
        #expect(alerts == [100, 100, 300, 100])
        #expect(try await storage.inboxDepth() == 0)
    }

    private static func item(_ body: String, clock: ManualClock) -> InboxItem {
        InboxItem(kind: PayloadKind.alertmanagerAPI.rawValue, body: Data(body.utf8), receivedAt: clock.now(), requestId: "r")
    }
}
