import Foundation
import KlaxonCore
import KlaxonPipeline
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Testing

@Suite("Processor: lifecycle, mute gate (the ops bot's flows), routing")
struct ProcessorTests {
    @Test func firingThenResolvedQueuesCreateAndClose() async throws {
        let harness = PipelineHarness()
        try await harness.event("Disk full")
        try await harness.processor.processPass()
        harness.clock.advance(by: 60)
        try await harness.event("Disk full", severity: "success")
        let report = try await harness.processor.processPass()
        #expect(report.actions == [.close])
        try await harness.dispatcher.dispatchPass()
        #expect(harness.notifiers["a"]!.attempts.map(\.action) == [.create, .close])
    }

    // The established Discord ops bot's mute flows: muted → no delivery; unmuted → delivered;
    // parameter absent → delivered; mute store failing → delivered (fail open).
    enum MuteCase: String, CaseIterable { case muted, unmuted, absent, storeFailing, expired, garbage }

    @Test(arguments: MuteCase.allCases)
    func muteGate(_ mute: MuteCase) async throws {
        let harness = PipelineHarness()
        let now = Int64(harness.clock.now().timeIntervalSince1970)
        switch mute {
        case .muted: try await harness.storage.setMutedUntil(now + 3600, by: "ops", at: harness.clock.now())
        case .unmuted: try await harness.storage.setMutedUntil(0, by: "ops", at: harness.clock.now())
        case .absent: break
        case .storeFailing: await harness.storage.setFailing(true, operations: [.muteState])
        case .expired: try await harness.storage.setMutedUntil(now - 1, by: "ops", at: harness.clock.now())
        case .garbage: try await harness.storage.setMutedUntil(-5, by: "ops", at: harness.clock.now())
        }
        try await harness.event("Queue backlog")
        let report = try await harness.processor.processPass()
        try await harness.dispatcher.dispatchPass()
        let delivered = harness.notifiers["a"]!.attempts.count
        #expect(delivered == (mute == .muted ? 0 : 1))
        #expect(report.suppressed == (mute == .muted ? 1 : 0))
        #expect(report.actions == [.create])
    }

    @Test func routesFirstMatchAndContinue() async throws {
        let routes = [
            RouteConfig(matchers: [try Matcher(parsing: "team=web")], receivers: ["web"], continueMatching: true),
            RouteConfig(matchers: [try Matcher(parsing: "priority=~P0|P1")], receivers: ["pager"]),
            RouteConfig(receivers: ["catchall"]),
        ]
        let harness = PipelineHarness(receivers: ["web", "pager", "catchall"], routes: routes)
        try await harness.event("A", severity: "critical", team: "web")   // web, pager
        try await harness.event("B", severity: "warning", team: "web")    // web, catchall
        try await harness.event("C", severity: "info", team: "db")        // catchall
        try await harness.processor.processPass()
        try await harness.dispatcher.dispatchPass()
        #expect(harness.notifiers["web"]!.attempts.map(\.alert.title) == ["A", "B"])
        #expect(harness.notifiers["pager"]!.attempts.map(\.alert.title) == ["A"])
        #expect(harness.notifiers["catchall"]!.attempts.map(\.alert.title) == ["B", "C"])
    }

    @Test func aStoreThatFailsMidwayLosesNothing() async throws {
        let harness = PipelineHarness()
        try await harness.event("Disk full")
        await harness.storage.setFailing(true, operations: [.commit])
        await #expect(throws: (any Error).self) { try await harness.processor.processPass() }
        #expect(try await harness.storage.inboxDepth() == 1)
        #expect(try await harness.storage.outboxDepth() == 0)
        await harness.storage.setFailing(false)
        let report = try await harness.processor.processPass()
        #expect(report.actions == [.create])
        #expect(try await harness.storage.inboxDepth() == 0)
        #expect(try await harness.storage.outboxDepth() == 1)
    }

    @Test func poisonPayloadIsDeadLetteredAfterNAttemptsOthersFlow() async throws {
        let harness = PipelineHarness(maxDecodeAttempts: 2)
        _ = try await harness.storage.append([InboxItem(kind: "app-event", body: Data(#"{"severity":"critical"}"#.utf8), receivedAt: harness.clock.now(), requestId: "bad")])
        try await harness.event("Good one")
        var report = try await harness.processor.processPass()
        #expect(report.failed == 1 && report.deadLettered == 0 && report.actions == [.create])
        report = try await harness.processor.processPass()
        #expect(report.failed == 1 && report.deadLettered == 1)
        let letters = try await harness.storage.deadLetters(limit: 10)
        #expect(letters.count == 1)
        #expect(letters.first?.error.contains("title") == true, "\(letters.first?.error ?? "")")
        #expect(try await harness.storage.inboxDepth() == 0)
    }
}

@Suite("Processor: what receivers hear after a mute, and payloads that cannot be stored")
struct ProcessorEdgeTests {
    @Test func firstDeliveredFiringAfterASuppressedCreateIsSentAsCreate() async throws {
        let harness = PipelineHarness()
        let now = Int64(harness.clock.now().timeIntervalSince1970)
        try await harness.storage.setMutedUntil(now + 60, by: "ops", at: harness.clock.now())
        try await harness.event("Disk full")
        #expect(try await harness.processor.processPass().actions == [.create])
        harness.clock.advance(by: 120)
        try await harness.event("Disk full")
        #expect(try await harness.processor.processPass().actions == [.comment])
        try await harness.dispatcher.dispatchPass()
        // The lifecycle says COMMENT; the receiver never heard the CREATE, so it hears one now.
        #expect(harness.notifiers["a"]!.attempts.map(\.action) == [.create])
    }

    @Test func aCloseIsNotSentForAnOccurrenceNobodyHeardOf() async throws {
        let harness = PipelineHarness()
        let now = Int64(harness.clock.now().timeIntervalSince1970)
        try await harness.storage.setMutedUntil(now + 60, by: "ops", at: harness.clock.now())
        try await harness.event("Disk full")
        try await harness.processor.processPass()
        harness.clock.advance(by: 120)
        try await harness.event("Disk full", severity: "success")
        #expect(try await harness.processor.processPass().actions == [.close])
        try await harness.dispatcher.dispatchPass()
        #expect(harness.notifiers["a"]!.attempts.isEmpty)
    }

    @Test func payloadsThatCannotBeStoredAreIsolatedAndDeadLettered() async throws {
        let harness = PipelineHarness(maxDecodeAttempts: 2)
        try await harness.event("One")
        try await harness.event("Two")
        await harness.storage.setFailing(true, operations: [.commit])
        var passes = 0
        while try await harness.storage.inboxDepth() > 0, passes < 10 {
            _ = try? await harness.processor.processPass()
            passes += 1
        }
        #expect(passes == 5, "one batch pass, then two attempts for each payload alone")
        let letters = try await harness.storage.deadLetters(limit: 10)
        #expect(letters.count == 2)
        #expect(letters.allSatisfy { $0.error.hasPrefix("could not be stored") })
    }
}
