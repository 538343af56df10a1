import Foundation
import KlaxonCore

/// Klaxon's application event (`POST /api/v1/events`) → one AlertEvent (source `app`).
/// The mapping is documented in docs/ingest/app-events.md.
struct AppEventDecoder {
    var options: DecodeOptions

    struct AppEvent: Decodable {
        var title: String?
        var severity: String?
        var description: String?
        var summary: String?
        var fields: [String: JSONValue]?
        var team: String?
        var teams: [String]?
        var environment: String?
        var occurredAt: String?
        var timestamp: String?
        var runbookURL: String?
        var url: String?

        enum CodingKeys: String, CodingKey {
            case title, severity, description, summary, fields, team, teams, environment
            case occurredAt = "occurred_at", timestamp, runbookURL = "runbook_url", url
        }
    }

    func decode(_ body: Data, now: Date) throws(DecodeError) -> DecodeResult {
        let event = try WireDecoding.decode(AppEvent.self, from: body, what: "app event")
        let raw = try WireDecoding.decode(JSONValue.self, from: body, what: "app event")
        guard let title = nonEmpty(event.title)?.trimmingWhitespace() else {
            throw DecodeError(.missingField, "title: is required")
        }
        guard let severityText = event.severity else {
            throw DecodeError(.missingField, "severity: is required (critical|warning|info|success)")
        }
        let state: AlertEvent.State
        let priority: Priority
        switch severityText.lowercased() {
        case "critical": (state, priority) = (.firing, .p1)
        case "warning": (state, priority) = (.firing, .p2)
        case "info": (state, priority) = (.firing, .p3)
        case "success": (state, priority) = (.resolved, .p3)
        default:
            throw DecodeError(.invalidField, "severity: expected critical|warning|info|success, got \"\(clip(severityText, 40))\"")
        }
        let occurredAt = try AlertTime.parse(event.occurredAt ?? event.timestamp, field: event.occurredAt != nil ? "occurred_at" : "timestamp") ?? now
        var teams = event.teams.map(SchemaLimits.sanitizeTeams) ?? []
        if teams.isEmpty, let team = event.team { teams = SchemaLimits.teams(fromList: team) }
        var defaulted: [String] = []
        if teams.isEmpty {
            teams = options.defaultTeams
            defaulted.append("teams")
        }
        var labels: [String: String] = [:]
        for (key, value) in event.fields ?? [:] {
            labels[key] = value.scalarText ?? Self.jsonText(value)
        }
        let environment = nonEmpty(event.environment)
        let normalizedTitle = Fingerprint.normalizeTitle(title)
        var alert = AlertEvent(
            source: "app", state: state, title: title, description: event.description, summary: event.summary,
            priority: priority, occurredAt: occurredAt, teams: teams,
            identity: AlertEvent.Identity(alarmId: environment.map { "\($0)/\(normalizedTitle)" } ?? normalizedTitle),
            links: AlertEvent.Links(runbookURL: event.runbookURL, sourceURL: event.url),
            rawProvider: raw, labels: labels, environment: environment,
            defaulted: defaulted.isEmpty ? nil : defaulted
        )
        SchemaLimits.conform(&alert, options: options)
        return DecodeResult(alerts: [alert], kind: .appEvent)
    }

    static func jsonText(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
