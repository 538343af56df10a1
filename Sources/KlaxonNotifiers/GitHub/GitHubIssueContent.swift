import Foundation
import KlaxonCore
import KlaxonPipeline

/// The text Klaxon writes on GitHub for each lifecycle action: the issue (title, Markdown body,
/// labels), a recurrence comment, and the closing comment. The words come from the receiver's
/// ``GitHubTemplates`` (overridable per receiver); the marker and the limits are applied here.
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

    /// The issue title (`[P1] Runners-ASG-InsufficientInstances` by default), cut to 256
    /// characters. A template that renders nothing falls back to the built-in title.
    package static func title(for delivery: Delivery, templates: MessageTemplates = GitHubTemplates.standard) -> String {
        var text = templates.renderTrimmed("title", TemplateContext(delivery))
        if text.isEmpty { text = GitHubTemplates.standard.renderTrimmed("title", TemplateContext(delivery)) }
        return cut(text, to: maxTitle)
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

    /// The issue body for a CREATE: the hidden marker, then the rendered `body` template. When
    /// that is too long the description is cut to fit (once), and the whole body is cut as a last
    /// resort, so no template can push a body past GitHub's limit or drop the marker.
    package static func body(for delivery: Delivery, templates: MessageTemplates = GitHubTemplates.standard) -> String {
        let head = marker(fingerprint: delivery.fingerprint, occurrence: delivery.occurrence) + "\n"
        let context = bodyContext(delivery)
        var text = head + templates.render("body", context)
        if text.count > maxBody, let description = context["description"] {
            let room = description.count - (text.count - maxBody)
            let shorter = room > 0 ? cut(description, to: room) : nil
            text = head + templates.render("body", context.with("description", shorter))
        }
        return cut(text, to: maxBody)
    }

    /// A recurrence comment: the new alert, and how many recurrences were folded into it.
    package static func comment(for delivery: Delivery, folded: Int, templates: MessageTemplates = GitHubTemplates.standard) -> String {
        cut(templates.render("comment", commentContext(delivery, folded: folded)), to: maxBody)
    }

    /// The closing comment for a CLOSE.
    package static func closing(for delivery: Delivery, folded: Int, templates: MessageTemplates = GitHubTemplates.standard) -> String {
        cut(templates.render("closing", commentContext(delivery, folded: folded)), to: maxBody)
    }

    private static func bodyContext(_ delivery: Delivery) -> TemplateContext {
        let links = linkRows(delivery.alert.links)
        return TemplateContext(delivery)
            .with("heading", cell(delivery.alert.title))
            .with("rows", list: summaryRows(delivery))
            .with("has_links", flag: !links.isEmpty)
            .with("links", list: links)
    }

    private static func commentContext(_ delivery: Delivery, folded: Int) -> TemplateContext {
        TemplateContext(delivery)
            .with("reason_quoted", delivery.alert.reason?.replacingOccurrences(of: "\n", with: "\n> "))
            .with("folded", folded > 0 ? String(folded) : nil)
            .with("folded_times", folded > 0 ? "\(folded) more time\(folded == 1 ? "" : "s")" : nil)
    }

    private static func summaryRows(_ delivery: Delivery) -> [[String: String]] {
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
        return rows.map { ["field": $0.0, "value": cell($0.1)] }
    }

    private static func linkRows(_ links: AlertEvent.Links) -> [[String: String]] {
        [("Runbook", links.runbookURL), ("Dashboard", links.dashboardURL), ("Source", links.sourceURL), ("Silence", links.silenceURL)]
            .compactMap { name, url in url.map { ["name": name, "url": $0] } }
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
