import Foundation
import KlaxonCore
import KlaxonTesting
import Testing

@Suite("Processor: an acknowledgement silences one alert until it resolves")
struct AcknowledgementTests {
    @Test func acknowledgedAlertIsSilencedThenItsResolvedGoesOutAndEndsTheSilence() async throws {
        let harness = PipelineHarness()
        try await harness.event("Disk full")
        try await harness.processor.processPass()
        try await harness.dispatcher.dispatchPass()
        let fingerprint = try #require(try await harness.storage.allRecords(limit: 1).first?.fingerprint)
        let ack = try Silence.acknowledgement(fingerprint: fingerprint, idSuffix: "1", by: "discord:42", now: harness.clock.now())
        try await harness.storage.addSilence(ack)
        #expect(ack.acknowledgedFingerprint == fingerprint)

        // Another FIRING while acknowledged: recorded, not sent. Another alert still goes out.
        harness.clock.advance(by: 60)
        try await harness.event("Disk full")
        try await harness.event("CPU high")
        var report = try await harness.processor.processPass()
        #expect(report.suppressed == 1)
        try await harness.dispatcher.dispatchPass()
        #expect(harness.notifiers["a"]!.attempts.map(\.alert.title) == ["Disk full", "CPU high"])

        // The RESOLVED goes out and the acknowledgement ends with it.
        harness.clock.advance(by: 60)
        try await harness.event("Disk full", severity: "success")
        report = try await harness.processor.processPass()
        #expect(report.actions == [.close])
        #expect(report.suppressed == 0)
        try await harness.dispatcher.dispatchPass()
        #expect(harness.notifiers["a"]!.attempts.last?.action == .close)
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).isEmpty)
        let audit = try await harness.storage.recentAudit(limit: 20)
        let ended = try #require(audit.first { $0.step == "silence_expired" })
        #expect(ended.detail == ["silence_id": "ack-1", "reason": "alert resolved"])
        #expect(ended.fingerprint == fingerprint)

        // Firing again later is a new occurrence, delivered.
        harness.clock.advance(by: 60)
        try await harness.event("Disk full")
        report = try await harness.processor.processPass()
        #expect(report.actions == [.create] && report.suppressed == 0)
    }

    @Test func anOrdinarySilenceStillSuppressesTheResolved() async throws {
        let harness = PipelineHarness()
        try await harness.event("Disk full")
        try await harness.processor.processPass()
        let fingerprint = try #require(try await harness.storage.allRecords(limit: 1).first?.fingerprint)
        let silence = Silence(
            id: "s-1", matchers: [try Matcher(name: "fingerprint", op: .equal, value: fingerprint)], startsAt: harness.clock.now(),
            endsAt: harness.clock.now().addingTimeInterval(3600), createdBy: "ops", comment: "")
        try await harness.storage.addSilence(silence)
        #expect(silence.acknowledgedFingerprint == nil)
        try await harness.event("Disk full", severity: "success")
        let report = try await harness.processor.processPass()
        #expect(report.suppressed == 1)
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).map(\.id) == ["s-1"])
    }
}
