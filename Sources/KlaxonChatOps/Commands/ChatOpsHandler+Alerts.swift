import Foundation
import KlaxonCore

/// `/ack`, the two buttons, `/silences`, `/cost` and `/help`.
extension ChatOpsHandler {
    /// How many records `/ack` looks through for a fingerprint prefix or alert id.
    static let ackSearchLimit = 10_000
    /// A fingerprint prefix shorter than this is too easy to get wrong.
    static let minimumPrefix = 6

    /// Silences one open alert until it resolves. `exact` (buttons) wants the full fingerprint.
    func acknowledge(reference raw: String, exact: Bool, actor: ChatActor, now: Date) async -> ChatResult {
        let reference = raw.trimmingWhitespace()
        guard !reference.isEmpty else {
            return .reply("Give the alert to acknowledge: its fingerprint (a prefix of at least \(Self.minimumPrefix) characters) or its id.", ephemeral: true)
        }
        let open: [AlertRecord]
        do {
            open = try await storage.allRecords(limit: Self.ackSearchLimit).filter { $0.status == .open }
        } catch {
            return .reply("Could not read the alerts (\(type(of: error))). Nothing was changed; try again.", ephemeral: true)
        }
        let matches = open.filter { Self.record($0, matches: reference, exact: exact) }
        let shown = String(reference.prefix(70))
        guard let record = matches.first else {
            return .reply("No open alert matches \"\(shown)\": it may have resolved already. Nothing was changed.", ephemeral: true)
        }
        guard matches.count == 1 else {
            return .reply("\"\(shown)\" matches \(matches.count) open alerts; give more of the fingerprint. Nothing was changed.", ephemeral: true)
        }
        let existing = (try? await storage.activeSilences(at: now)) ?? []
        if let current = existing.first(where: { $0.acknowledgedFingerprint == record.fingerprint }) {
            return .reply("\(Self.describe(record)) is already acknowledged (\(current.id), by \(current.createdBy)).", ephemeral: true)
        }
        let silence: Silence
        do {
            silence = try Silence.acknowledgement(fingerprint: record.fingerprint, idSuffix: makeID(), by: actor.auditName, now: now)
        } catch {
            return .reply("Could not acknowledge: \(error). Nothing was changed.", ephemeral: true)
        }
        return await add(silence, step: "alert_acknowledged", detail: ["title": record.alert.title], actor: actor, now: now,
                         reply: "Acknowledged \(Self.describe(record)) by \(Self.who(actor)): silenced until it resolves (\(silence.id)).")
    }

    static func record(_ record: AlertRecord, matches reference: String, exact: Bool) -> Bool {
        if exact { return record.fingerprint == reference }
        let lowered = reference.lowercased()
        if lowered.count >= minimumPrefix, record.fingerprint.hasPrefix(lowered) { return true }
        let identity = record.alert.identity
        return [identity.alarmArn, identity.alarmId, identity.ruleId].contains { $0 == reference }
    }

    /// The Silence 1h button: one alert, one hour.
    func silenceHour(fingerprint: String, actor: ChatActor, now: Date) async -> ChatResult {
        let matcher: Matcher
        do {
            matcher = try Matcher(name: "fingerprint", op: .equal, value: fingerprint)
        } catch {
            return .reply("Could not silence: \(error). Nothing was changed.", ephemeral: true)
        }
        let title = ((try? await storage.records(fingerprints: [fingerprint]))?[fingerprint]).map(Self.describe) ?? "`\(fingerprint.prefix(12))`"
        let silence = Silence(
            id: "s-" + makeID(), matchers: [matcher], startsAt: now, endsAt: now.addingTimeInterval(3600),
            createdBy: actor.auditName, comment: "from chat: Silence 1h button")
        return await add(silence, step: "silence_added", detail: ["duration": "1h"], actor: actor, now: now,
                         reply: "Silenced \(title) until \(Self.utc(silence.endsAt)) (1h) by \(Self.who(actor)); id \(silence.id).")
    }

    static func describe(_ record: AlertRecord) -> String {
        "\(record.alert.priority.rawValue) \"\(record.alert.title.prefix(80))\" `\(record.fingerprint.prefix(12))`"
    }

    func silencesText(now: Date) async -> String {
        let silences: [Silence]
        do {
            silences = try await storage.activeSilences(at: now)
        } catch {
            return "Could not read the silences (\(type(of: error)))."
        }
        guard !silences.isEmpty else { return "No active silences." }
        var lines = ["Active silences (\(silences.count)):"]
        for silence in silences.prefix(20) {
            let until = silence.acknowledgedFingerprint == nil ? "until \(Self.utc(silence.endsAt))" : "until it resolves"
            lines.append("• \(silence.id) \(silence.matchers.map(\.description).joined(separator: " ")) \(until), by \(silence.createdBy)")
        }
        if silences.count > 20 { lines.append("… and \(silences.count - 20) more (klaxon silence list)") }
        return lines.joined(separator: "\n")
    }

    func costText(now: Date) async -> String {
        guard let costSource else { return CostReportError.notConfigured.description }
        do {
            return Self.render(try await costSource.costReport(top: 5, now: now))
        } catch let error as CostReportError {
            return error.description
        } catch {
            return CostReportError.unavailable(reason: String(describing: type(of: error))).description
        }
    }

    static func render(_ report: CostReport) -> String {
        func money(_ value: Double) -> String { String(format: "%.2f", value) + " " + report.currency }
        var lines = ["Cloud spend \(report.periodStart) – \(report.periodEnd): \(money(report.monthToDate))"]
        if let change = report.changePercent {
            lines[0] += String(format: " (%+.1f%% against the same days last month)", change)
        }
        if let yesterday = report.yesterday { lines.append("Yesterday: \(money(yesterday))") }
        for service in report.topServices { lines.append("• \(service.service): \(money(service.amount))") }
        return lines.joined(separator: "\n")
    }

    static func helpText(platform: ChatActor.Platform) -> String {
        let rows: [(String, String)] = platform == .discord ? [
            ("/mute-alerts [duration] [team|source|priority|service]", "mute every alert (default 1d; 30m, 4h, 2d), or silence one scope"),
            ("/unmute-alerts", "end the mute: alarms fire again"),
            ("/status", "open alerts, mute state, silences, queues, delivery failures"),
            ("/ack <alert>", "silence one alert (fingerprint prefix or id) until it resolves"),
            ("/silences", "the active silences"),
            ("/cost", "month-to-date cloud spend"),
            ("/help", "this list"),
        ] : [
            ("/klaxon mute [duration] [team=…|source=…|priority=…|service=…]", "mute every alert (default 1d), or silence one scope"),
            ("/klaxon unmute", "end the mute: alarms fire again"),
            ("/klaxon status", "open alerts, mute state, silences, queues, delivery failures"),
            ("/klaxon ack <alert>", "silence one alert (fingerprint prefix or id) until it resolves"),
            ("/klaxon silences", "the active silences"),
            ("/klaxon cost", "month-to-date cloud spend"),
            ("/klaxon help", "this list"),
        ]
        return "Klaxon commands:\n" + rows.map { "• `\($0.0)` — \($0.1)" }.joined(separator: "\n")
            + "\nButtons on alerts: Acknowledge (silence until resolved), Silence 1h."
    }
}
