import Foundation
import KlaxonChatOps
import KlaxonCore
import KlaxonStore
import KlaxonTesting
import Testing

/// The commands over a real in-memory store and a manual clock.
struct HandlerHarness {
    let storage = InMemoryStorage()
    let clock = ManualClock(Date(timeIntervalSince1970: 1_760_000_000))
    let handler: ChatOpsHandler

    init(permissions: ChatPermissions = .everyone, costSource: (any CostSource)? = nil) {
        handler = ChatOpsHandler(storage: storage, clock: clock, permissions: permissions, costSource: costSource, makeID: { "id1" })
    }

    static let ops = ChatActor(platform: .discord, userID: "42", name: "ops", roles: ["9"])
    var now: Int64 { Int64(clock.now().timeIntervalSince1970) }

    func run(_ command: ChatCommand, as actor: ChatActor = HandlerHarness.ops) async -> ChatOpsHandler.ChatResult {
        await handler.handle(ChatRequest(command: command, actor: actor))
    }

    /// Stores an open alert (as the processor would) and returns its fingerprint.
    @discardableResult
    func openAlert(_ title: String, priority: Priority = .p1) async throws -> String {
        let alert = AlertSamples.alert(title: title, priority: priority)
        let fingerprint = Fingerprint.of(alert)
        let record = Lifecycle.apply(.create, to: nil, alert: alert, fingerprint: fingerprint, now: clock.now())
        try await storage.commit(ProcessedBatch(records: [record]), at: clock.now())
        return fingerprint
    }
}

extension ChatOpsHandler.ChatResult {
    var reply: ChatReply? {
        if case .reply(let reply) = outcome { return reply }
        return nil
    }
}

@Suite("Chat commands: /mute-alerts and /unmute-alerts (the ops bot's flows)")
struct MuteCommandTests {
    @Test("a duration writes now + its seconds", arguments: [
        (nil as String?, Int64(86_400), "1d"), ("4h", 14_400, "4h"), ("30m", 1800, "30m"), ("2d", 172_800, "2d"), (" 1h ", 3600, "1h"),
    ])
    func mute(_ duration: String?, _ seconds: Int64, _ text: String) async throws {
        let harness = HandlerHarness()
        let result = await harness.run(.mute(duration: duration, scope: nil))
        let until = harness.now + seconds
        #expect(try await harness.storage.muteState().value == String(until))
        #expect(try await harness.storage.muteState().by == "discord:42 (ops)")
        let reply = try #require(result.reply)
        #expect(!reply.ephemeral)
        let utc = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(until)))
        #expect(reply.text == "Alerts muted until \(utc.prefix(10)) \(utc.dropFirst(11).prefix(5)) UTC (\(text)) by ops.")
        let expected = AuditEntry(at: harness.clock.now(), step: "alert_muted", actor: "discord:42 (ops)", detail: [
            "duration": text, "muted_until": String(until), "by": "discord:42 (ops)",
        ])
        #expect(try await harness.storage.recentAudit(limit: 10) == [expected])
        #expect(result.logSteps == [expected])
        let status = await harness.handler.statusReport()
        #expect(status.contains("Mute: muted until"))
    }

    @Test("an invalid duration is answered and nothing is written", arguments: ["banana", "0h", "-1h", "4", "h", "4w", "366d", "99999999999d", "1.5h", ""])
    func invalidDuration(_ duration: String) async throws {
        let harness = HandlerHarness()
        let result = await harness.run(.mute(duration: duration, scope: nil))
        let reply = try #require(result.reply)
        #expect(reply.ephemeral)
        #expect(reply.text.hasPrefix("Not muted: invalid duration"), "\(reply.text)")
        #expect(reply.text.hasSuffix("Nothing was changed."))
        #expect(try await harness.storage.muteState().value == nil)
        #expect(try await harness.storage.recentAudit(limit: 10).isEmpty)
        #expect(result.logSteps.isEmpty)
    }

    @Test func unmuteWritesZero() async throws {
        let harness = HandlerHarness()
        _ = await harness.run(.mute(duration: "4h", scope: nil))
        let result = await harness.run(.unmute)
        #expect(try await harness.storage.muteState().value == "0")
        #expect(result.reply?.text == "Alerts active — alarms will now fire. (unmuted by ops)")
        #expect(result.logSteps.map(\.step) == ["alert_unmuted"])
        #expect(result.logSteps.first?.detail == ["by": "discord:42 (ops)"])
        #expect(try await harness.storage.recentAudit(limit: 10).map(\.step) == ["alert_unmuted", "alert_muted"])
    }

    @Test func aFailingMuteStoreIsReportedAndNothingIsAudited() async throws {
        let harness = HandlerHarness()
        await harness.storage.setFailing(true, operations: [.setMutedUntil])
        let result = await harness.run(.mute(duration: "4h", scope: nil))
        #expect(result.reply?.ephemeral == true)
        #expect(result.reply?.text.hasPrefix("Could not mute") == true)
        #expect(try await harness.storage.recentAudit(limit: 10).isEmpty)
    }

    /// A change and its audit row are one write: when the audit log cannot be written, nothing
    /// changes and the reply says so (no unaudited mute).
    @Test("an unwritable audit log changes nothing", arguments: [
        ChatCommand.mute(duration: "4h", scope: nil), .unmute, .mute(duration: "1h", scope: ChatScope(kind: .team, value: "web")),
        .ack(alert: "ack-target"), .button(.silenceOneHour, fingerprint: "ack-target"),
    ])
    func anUnwritableAuditLogChangesNothing(_ command: ChatCommand) async throws {
        let harness = HandlerHarness()
        let fingerprint = try await harness.openAlert("Disk full")
        let aimed: ChatCommand = switch command {
        case .ack: .ack(alert: String(fingerprint.prefix(8)))
        case .button(let action, _): .button(action, fingerprint: fingerprint)
        default: command
        }
        await harness.storage.setFailing(true, operations: [.appendAudit])
        let result = await harness.run(aimed)
        await harness.storage.setFailing(false)
        let reply = try #require(result.reply)
        #expect(reply.ephemeral)
        #expect(reply.text.hasPrefix("Could not"), "\(reply.text)")
        #expect(reply.text.contains("Nothing was changed"), "\(reply.text)")
        #expect(try await harness.storage.muteState().value == nil)
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).isEmpty)
        #expect(result.logSteps.isEmpty)
    }

    @Test("only allowed users and roles may change things", arguments: [
        ("42", [String](), true), ("43", [], false), ("43", ["9"], true), ("43", ["8"], false),
    ])
    func permissions(_ user: String, _ roles: [String], _ allowed: Bool) async throws {
        let harness = HandlerHarness(permissions: ChatPermissions(allowedUsers: ["42"], allowedRoles: ["9"]))
        let actor = ChatActor(platform: .discord, userID: user, roles: roles)
        for command in [ChatCommand.mute(duration: "1h", scope: nil), .unmute, .ack(alert: "abcdef"), .button(.silenceOneHour, fingerprint: "f")] {
            let result = await harness.run(command, as: actor)
            if !allowed {
                #expect(result.reply == ChatReply("You are not allowed to do that here: ask an admin to add your user id to chatops allowed_users. Nothing was changed.", ephemeral: true))
            }
        }
        #expect(try await harness.storage.muteState().value == (allowed ? "0" : nil))
        #expect(try await harness.storage.recentAudit(limit: 10).isEmpty == !allowed)
        // Reading is open to everyone.
        let listed = await harness.run(.silences, as: actor).reply?.text ?? ""
        #expect(listed.hasPrefix(allowed ? "Active silences (1)" : "No active silences."), "\(listed)")
    }

    @Test("nothing changes from a direct message with the bot, whoever sends it", arguments: [
        ChatCommand.mute(duration: "365d", scope: nil), .mute(duration: "1h", scope: ChatScope(kind: .team, value: "web")), .unmute,
        .ack(alert: "abcdef"), .button(.acknowledge, fingerprint: "f"), .button(.silenceOneHour, fingerprint: "f"),
    ])
    func directMessagesChangeNothing(_ command: ChatCommand) async throws {
        let harness = HandlerHarness()
        let fingerprint = try await harness.openAlert("Disk full")
        let aimed: ChatCommand = switch command {
        case .ack: .ack(alert: String(fingerprint.prefix(8)))
        case .button(let action, _): .button(action, fingerprint: fingerprint)
        default: command
        }
        let result = await harness.handler.handle(ChatRequest(command: aimed, actor: HandlerHarness.ops, inDirectMessage: true))
        #expect(result.reply == ChatReply("Mute, ack and silence work only in a channel of the server or workspace, not in a direct message with Klaxon. Nothing was changed.", ephemeral: true))
        #expect(try await harness.storage.muteState().value == nil)
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).isEmpty)
        #expect(try await harness.storage.recentAudit(limit: 10).isEmpty)
        #expect(result.logSteps.isEmpty)
        // Reading still works there.
        let listed = await harness.handler.handle(ChatRequest(command: .silences, actor: HandlerHarness.ops, inDirectMessage: true))
        #expect(listed.reply?.text == "No active silences.")
    }

    /// `team:web priority:P3` is web's P3 alerts, not every P3 of every team.
    @Test func everyTermOfAScopeMustMatch() async throws {
        let harness = HandlerHarness()
        let scope = ChatScope(terms: [.init(kind: .team, value: "web"), .init(kind: .priority, value: "p3")])
        let result = await harness.run(.mute(duration: "1h", scope: scope))
        let silence = try #require(try await harness.storage.activeSilences(at: harness.clock.now()).first)
        #expect(silence.matchers.map(\.description) == ["team=web", "priority=P3"])
        #expect(result.reply?.text.hasPrefix("Silenced team=web priority=P3 until") == true, "\(result.reply?.text ?? "")")
        #expect(result.logSteps.first?.detail["matchers"] == "team=web priority=P3")
        func silenced(teams: [String], priority: Priority) -> Bool {
            let alert = AlertSamples.alert(priority: priority, teams: teams)
            return silence.silences(AlertMatchSubject(alert: alert, fingerprint: Fingerprint.of(alert)), at: harness.clock.now())
        }
        #expect(silenced(teams: ["web"], priority: .p3))
        #expect(!silenced(teams: ["platform"], priority: .p3))
        #expect(!silenced(teams: ["web"], priority: .p1))
    }

    @Test func aScopeKindGivenTwiceIsRefused() async throws {
        let harness = HandlerHarness()
        let scope = ChatScope(terms: [.init(kind: .team, value: "web"), .init(kind: .team, value: "api")])
        let result = await harness.run(.mute(duration: "1h", scope: scope))
        #expect(result.reply?.ephemeral == true)
        #expect(result.reply?.text.hasSuffix("Nothing was changed.") == true)
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).isEmpty)
    }

    @Test func aScopeMakesASilenceAndLeavesTheMuteGateAlone() async throws {
        let harness = HandlerHarness()
        let result = await harness.run(.mute(duration: "2h", scope: ChatScope(kind: .priority, value: "p3")))
        #expect(try await harness.storage.muteState().value == nil)
        let silences = try await harness.storage.activeSilences(at: harness.clock.now())
        #expect(silences.count == 1)
        #expect(silences.first?.matchers.map(\.description) == ["priority=P3"])
        #expect(silences.first?.endsAt == harness.clock.now().addingTimeInterval(7200))
        #expect(result.logSteps.map(\.step) == ["silence_added"])
        #expect(result.logSteps.first?.detail["duration"] == "2h")
        let bad = await harness.run(.mute(duration: nil, scope: ChatScope(kind: .priority, value: "urgent")))
        #expect(bad.reply?.ephemeral == true)
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).count == 1)
    }
}

@Suite("Chat commands: /ack, buttons, /silences, /cost, /help, /status")
struct AlertCommandTests {
    @Test func ackByPrefixSilencesUntilResolved() async throws {
        let harness = HandlerHarness()
        let fingerprint = try await harness.openAlert("Disk full")
        let result = await harness.run(.ack(alert: String(fingerprint.prefix(8))))
        #expect(result.reply?.text.hasPrefix("Acknowledged P1 \"Disk full\"") == true, "\(result.reply?.text ?? "")")
        let silences = try await harness.storage.activeSilences(at: harness.clock.now())
        #expect(silences.map(\.id) == ["ack-id1"])
        #expect(silences.first?.acknowledgedFingerprint == fingerprint)
        #expect(result.logSteps.map(\.step) == ["alert_acknowledged"])
        // Again: already acknowledged, nothing new.
        let again = await harness.run(.button(.acknowledge, fingerprint: fingerprint))
        #expect(again.reply?.text.contains("already acknowledged") == true)
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).count == 1)
        let list = await harness.run(.silences)
        #expect(list.reply?.text == "Active silences (1):\n• ack-id1 fingerprint=\(fingerprint) until it resolves, by discord:42 (ops)")
    }

    @Test("references that do not name exactly one open alert change nothing", arguments: ["", "abc", "zzzzzzzz", "ANY"])
    func ackRefused(_ reference: String) async throws {
        let harness = HandlerHarness()
        try await harness.openAlert("Disk full")
        try await harness.openAlert("CPU high")
        let result = await harness.run(.ack(alert: reference))
        #expect(result.reply?.ephemeral == true)
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).isEmpty)
    }

    @Test func ackByAlarmARN() async throws {
        let harness = HandlerHarness()
        let fingerprint = try await harness.openAlert("Disk full")
        _ = await harness.run(.ack(alert: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Disk full"))
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).first?.acknowledgedFingerprint == fingerprint)
    }

    @Test func silenceOneHourButton() async throws {
        let harness = HandlerHarness()
        let fingerprint = try await harness.openAlert("Disk full")
        let result = await harness.run(.button(.silenceOneHour, fingerprint: fingerprint))
        let silence = try #require(try await harness.storage.activeSilences(at: harness.clock.now()).first)
        #expect(silence.endsAt == harness.clock.now().addingTimeInterval(3600))
        #expect(silence.acknowledgedFingerprint == nil)
        #expect(result.reply?.text.hasPrefix("Silenced P1 \"Disk full\"") == true)
        #expect(try await harness.storage.recentAudit(limit: 5).map(\.step) == ["silence_added"])
    }

    @Test func costWithoutASourceSaysSo() async {
        let harness = HandlerHarness()
        #expect(await harness.run(.cost).reply?.text == CostReportError.notConfigured.description)
    }

    struct FixedCost: CostSource {
        var result: Result<CostReport, CostReportError>
        func costReport(top: Int, now: Date) async throws -> CostReport { try result.get() }
    }

    @Test func costFromASource() async {
        let report = CostReport(
            currency: "USD", periodStart: "2025-10-01", periodEnd: "2025-10-08", monthToDate: 120.5,
            topServices: [.init(service: "Amazon EC2", amount: 80), .init(service: "Amazon S3", amount: 10.25)], yesterday: 14, sameDaysLastMonth: 100)
        let harness = HandlerHarness(costSource: FixedCost(result: .success(report)))
        #expect(await harness.run(.cost).reply?.text == """
            Cloud spend 2025-10-01 – 2025-10-08: 120.50 USD (+20.5% against the same days last month)
            Yesterday: 14.00 USD
            • Amazon EC2: 80.00 USD
            • Amazon S3: 10.25 USD
            """)
        let denied = HandlerHarness(costSource: FixedCost(result: .failure(.accessDenied)))
        #expect(await denied.run(.cost).reply?.text == CostReportError.accessDenied.description)
    }

    @Test func helpListsEveryCommand() async {
        let harness = HandlerHarness()
        let discord = await harness.run(.help).reply?.text ?? ""
        for command in DiscordCommandCatalog.commands { #expect(discord.contains("/\(command.name)"), "\(command.name)") }
        let slack = await harness.run(.help, as: ChatActor(platform: .slack, userID: "U1")).reply?.text ?? ""
        for verb in ["mute", "unmute", "status", "ack", "silences", "cost", "help"] { #expect(slack.contains("/klaxon \(verb)")) }
        #expect(await harness.run(.unknown("frobnicate")).reply?.text.hasPrefix("Klaxon has no command \"frobnicate\"") == true)
    }

    @Test func statusIsDeferredAndTheReportHasEveryPart() async throws {
        let harness = HandlerHarness()
        let result = await harness.run(.status)
        #expect(result.outcome == .deferred(acknowledgement: nil, followUp: .statusReport))
        for index in 0..<7 { try await harness.openAlert("Alert \(index)", priority: index < 2 ? .p0 : .p2) }
        _ = await harness.run(.mute(duration: "4h", scope: nil))
        _ = await harness.run(.mute(duration: "1h", scope: ChatScope(kind: .team, value: "web")))
        let report = await harness.handler.statusReport()
        let lines = report.split(separator: "\n").map(String.init)
        #expect(lines[0] == "**Klaxon status** at 2025-10-09 08:53 UTC")
        #expect(lines[1] == "Mute: muted until 2025-10-09 12:53 UTC by discord:42 (ops)")
        #expect(lines[2] == "Open alerts: 7 (P0 2 · P1 0 · P2 5 · P3 0)")
        #expect(lines.filter { $0.hasPrefix("• P") }.count == 5)
        #expect(lines.contains("Silences: 1 active"))
        #expect(lines.contains("Queues: inbox 0 · outbox 0 · dead letters 0"))
        #expect(lines.last == "Delivery failures: none")
    }

    @Test func statusReportMatchesItsGoldenFile() async throws {
        let harness = HandlerHarness()
        try await harness.openAlert("Disk full on db-1", priority: .p0)
        harness.clock.advance(by: 60)
        try await harness.openAlert("CPU high", priority: .p2)
        _ = await harness.run(.mute(duration: "2h", scope: nil))
        _ = await harness.run(.mute(duration: "1d", scope: ChatScope(kind: .source, value: "grafana")))
        _ = try await harness.storage.append([InboxItem(kind: "auto", body: Data("{}".utf8), receivedAt: harness.clock.now(), requestId: "r")])
        // Two deliveries to "pager" and one to "hook" that never went out.
        let alert = AlertSamples.alert(title: "CPU high", priority: .p2)
        let deliveries = [("pager", 1), ("pager", 2), ("hook", 1)].map { receiver, sequence in
            Delivery(receiver: receiver, fingerprint: Fingerprint.of(alert), occurrence: 1, action: .comment, sequence: sequence, alert: alert, createdAt: harness.clock.now())
        }
        try await harness.storage.commit(ProcessedBatch(deliveries: deliveries), at: harness.clock.now())
        for entry in try await harness.storage.dueDeliveries(now: harness.clock.now(), limit: 10) {
            try await harness.storage.deadLetterDelivery(outboxId: entry.id, reason: "HTTP 500", at: harness.clock.now())
        }
        let report = await harness.handler.statusReport()
        #expect(report + "\n" == (try Fixture.text("golden-status-report.txt")), "\(report)")
        #expect(DiscordResponse.editOriginal(report).count < 2100)
    }

    @Test func statusSaysWhatItCannotRead() async throws {
        let harness = HandlerHarness()
        await harness.storage.setFailing(true, operations: [.muteState, .allRecords])
        let report = await harness.handler.statusReport()
        #expect(report.contains("Mute: unreadable"))
        #expect(report.contains("Open alerts: unreadable"))
    }
}
