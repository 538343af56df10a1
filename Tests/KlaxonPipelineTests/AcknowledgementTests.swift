import Foundation
import KlaxonCore
import KlaxonPipeline
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

    /// Fires "Disk full", acknowledges it, and returns its fingerprint.
    static func acknowledged(_ harness: PipelineHarness) async throws -> String {
        try await harness.event("Disk full")
        try await harness.processor.processPass()
        let fingerprint = try #require(try await harness.storage.allRecords(limit: 1).first?.fingerprint)
        try await harness.storage.addSilence(try Silence.acknowledgement(fingerprint: fingerprint, idSuffix: "1", by: "discord:42", now: harness.clock.now()))
        return fingerprint
    }

    /// The expiry is part of the RESOLVED's commit: no second write that can fail on its own.
    @Test func theAcknowledgementEndsInTheCommitOfItsResolved() async throws {
        let harness = PipelineHarness()
        _ = try await Self.acknowledged(harness)
        await harness.storage.setFailing(true, operations: [.expireSilence, .appendAudit])
        harness.clock.advance(by: 60)
        try await harness.event("Disk full", severity: "success")
        #expect(try await harness.processor.processPass().actions == [.close])
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).isEmpty)
    }

    @Test func aFailedCommitLeavesTheAcknowledgementAsItWas() async throws {
        let harness = PipelineHarness()
        _ = try await Self.acknowledged(harness)
        await harness.storage.setFailing(true, operations: [.commit])
        harness.clock.advance(by: 60)
        try await harness.event("Disk full", severity: "success")
        await #expect(throws: (any Error).self) { try await harness.processor.processPass() }
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).map(\.id) == ["ack-1"])
    }

    /// The RESOLVED of a manually closed alert is SKIP_MANUAL_CLOSE, yet the alert did resolve.
    @Test func aSkippedResolvedStillEndsTheAcknowledgement() async throws {
        let harness = PipelineHarness()
        let fingerprint = try await Self.acknowledged(harness)
        #expect(try await harness.storage.markManuallyClosed(fingerprint: fingerprint, at: harness.clock.now()))
        harness.clock.advance(by: 60)
        try await harness.event("Disk full", severity: "success")
        #expect(try await harness.processor.processPass().actions == [.skipManualClose])
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).isEmpty)
        let ended = try #require(try await harness.storage.recentAudit(limit: 20).first { $0.step == "silence_expired" })
        #expect(ended.detail == ["silence_id": "ack-1", "reason": "alert resolved"])
    }

    /// The RESOLVED never arrived (or its expiry was lost): the next FIRING after a close is a new
    /// occurrence, which the old acknowledgement must not swallow.
    @Test func aNewOccurrenceIsDeliveredAndEndsAStaleAcknowledgement() async throws {
        let harness = PipelineHarness()
        let fingerprint = try await Self.acknowledged(harness)
        var record = try #require(try await harness.storage.records(fingerprints: [fingerprint])[fingerprint])
        record.status = .closed
        try await harness.storage.commit(ProcessedBatch(records: [record]), at: harness.clock.now())
        harness.clock.advance(by: 60)
        try await harness.event("Disk full")
        try await harness.event("Disk full")
        let report = try await harness.processor.processPass()
        #expect(report.actions == [.create, .comment])
        #expect(report.suppressed == 0)
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).isEmpty)
        let ended = try #require(try await harness.storage.recentAudit(limit: 20).first { $0.step == "silence_expired" })
        #expect(ended.detail == ["silence_id": "ack-1", "reason": "new occurrence"])
    }

    @Test func anOutOfOrderResolvedLeavesTheAcknowledgement() {
        var record = Lifecycle.apply(.create, to: nil, alert: AlertSamples.alert(), fingerprint: "f", now: Date(timeIntervalSince1970: 1_760_000_000))
        #expect(Processor.acknowledgementEnd(action: .skipStale, state: .resolved, record: record) == nil)
        #expect(Processor.acknowledgementEnd(action: .comment, state: .firing, record: record) == nil)
        record.status = .closed
        #expect(Processor.acknowledgementEnd(action: .skipStale, state: .resolved, record: record) == "alert resolved")
        #expect(Processor.acknowledgementEnd(action: .create, state: .firing, record: record) == "new occurrence")
    }

    @Test func anAcknowledgementLastsAtMostSevenDays() throws {
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        let ack = try Silence.acknowledgement(fingerprint: "f", idSuffix: "1", by: "ops", now: now)
        #expect(ack.endsAt == now.addingTimeInterval(7 * 86_400))
    }
}
