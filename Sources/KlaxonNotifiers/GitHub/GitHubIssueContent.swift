import Foundation
import KlaxonCore
import KlaxonPipeline

/// The text Klaxon writes on GitHub for each lifecycle action: the issue (title, Markdown body,
/// labels), a recurrence comment, and the closing comment.
///
/// Limits (GitHub REST "Create an issue" / "Create an issue comment",
/// https://docs.github.com/rest/issues): a title of at most 256 characters and a body or comment
/// of at most 65,536 characters. Longer text is cut with a visible marker, never refused.
/// The body carries a hidden marker, `<!-- klaxon:fingerprint=<hex> occurrence=<n> -->`, so an
/// issue can be traced back to its alert (and the inbound webhook can recognise Klaxon's issues).
package enum GitHubIssueContent {
    package static let maxTitle = 256
    package static let maxBody = 65_536
    static let cutMarker = "… (truncated by Klaxon)"

    /// `[P1] Runners-ASG-InsufficientInstances`.
    package static func title(for alert: AlertEvent) -> String {
        cut("[\(alert.priority.rawValue)] \(alert.title)", to: maxTitle)
    }

    /// `team:<t>` for each team, `priority:<P>`, `source:<s>`; GitHub label names are at most 50
    /// characters, so longer ones are cut.
    package static func labels(for alert: AlertEvent) -> [String] {
        (alert.teams.map { "team:\($0)" } + ["priority:\(alert.priority.rawValue)", "source:\(alert.source)"]).map { String($0.prefix(50)) }
    }

    /// The hidden marker that ties an issue to its alert.
    package static func marker(fingerprint: String, occurrence: Int) -> String {
        "<!-- klaxon:fingerprint=\(fingerprint) occurrence=\(occurrence) -->"
    }

    /// Reads the fingerprint back out of an issue body (`nil` when there is no marker).
    package static func fingerprint(inBody body: String) -> String? {
        guard let range = body.range(of: "<!-- klaxon:fingerprint=") else { return nil }
        let hex = body[range.upperBound...].prefix { $0.isHexDigit }
        return hex.isEmpty ? nil : String(hex)
    }

    /// The issue body for a CREATE.
    package static func body(for delivery: Delivery) -> String {
        let alert = delivery.alert
        var head = marker(fingerprint: delivery.fingerprint, occurrence: delivery.occurrence) + "\n"
        head += "## \(cell(alert.title))\n\n"
        if let summary = alert.summary, !summary.isEmpty { head += "\(summary)\n\n" }
        head += summaryTable(delivery) + "\n"
        var tail = ""
        let links = linkLines(alert.links)
        if !links.isEmpty { tail += "### Links\n\n" + links.joined(separator: "\n") + "\n\n" }
        tail += "<sub>Opened by Klaxon for occurrence \(delivery.occurrence) of this alert.</sub>\n"
        var description = ""
        if let text = alert.description, !text.isEmpty { description = "### Description\n\n\(text)\n\n" }
        // Only the description is cut: the marker, the table and the links always fit.
        let room = maxBody - head.count - tail.count
        return head + cut(description, to: max(0, room)) + tail
    }

    /// A recurrence comment: the new alert, and how many recurrences were folded into it.
    package static func comment(for delivery: Delivery, folded: Int) -> String {
        let alert = delivery.alert
        var text = "**Fired again** at \(Timestamp.format(alert.occurredAt))"
        if folded > 0 { text += " (and \(folded) more time\(folded == 1 ? "" : "s") since the last comment)" }
        text += ".\n"
        if let reason = alert.reason, !reason.isEmpty { text += "\n> \(reason.replacingOccurrences(of: "\n", with: "\n> "))\n" }
        return cut(text, to: maxBody)
    }

    /// The closing comment for a CLOSE.
    package static func closing(for delivery: Delivery, folded: Int) -> String {
        let alert = delivery.alert
        var text = "**Resolved** at \(Timestamp.format(alert.occurredAt))."
        if folded > 0 { text += " It fired \(folded) more time\(folded == 1 ? "" : "s") after the last comment." }
        text += " Closed by Klaxon.\n"
        if let reason = alert.reason, !reason.isEmpty { text += "\n> \(reason.replacingOccurrences(of: "\n", with: "\n> "))\n" }
        return cut(text, to: maxBody)
    }

    private static func summaryTable(_ delivery: Delivery) -> String {
        let alert = delivery.alert
        var rows: [(String, String)] = [
            ("Priority", "\(alert.priority.rawValue) (\(alert.displaySeverity.rawValue))"),
            ("State", alert.state.rawValue),
            ("Source", alert.source),
            ("Teams", alert.teams.isEmpty ? "—" : alert.teams.joined(separator: ", ")),
        ]
        if let resource = alert.resource {
            var text = resource.type
            if let id = resource.id { text += " `\(id)`" }
            if let region = resource.region { text += " (\(region))" }
            rows.append(("Resource", text))
        }
        if let region = alert.identity.region, alert.resource?.region == nil { rows.append(("Region", region)) }
        if let account = alert.identity.awsAccount { rows.append(("AWS account", account)) }
        rows.append(("Occurred at", Timestamp.format(alert.occurredAt)))
        rows.append(("Fingerprint", "`\(delivery.fingerprint.prefix(12))`"))
        return "| Field | Value |\n|---|---|\n" + rows.map { "| \($0.0) | \(cell($0.1)) |" }.joined(separator: "\n") + "\n"
    }

    private static func linkLines(_ links: AlertEvent.Links) -> [String] {
        [("Runbook", links.runbookURL), ("Dashboard", links.dashboardURL), ("Source", links.sourceURL), ("Silence", links.silenceURL)]
            .compactMap { name, url in url.map { "- [\(name)](\($0))" } }
    }

    /// A table cell or heading: one line, pipes escaped.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
    }

    /// At most `limit` characters, ending with the marker when cut.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        guard limit > cutMarker.count else { return String(text.prefix(limit)) }
        return String(text.prefix(limit - cutMarker.count)) + cutMarker
    }
}
