import Foundation
import KlaxonCore
import KlaxonPipeline

/// The values a message template can use, built from one delivery.
///
/// Keys (all strings unless said): `title`, `description`, `summary`, `reason`, `message` (the
/// description, else the reason, else the summary), `subject` (the title, prefixed `RESOLVED: `
/// once resolved), `state` (FIRING/RESOLVED), `resolved` and `firing` (booleans, for sections),
/// `action` (CREATE/COMMENT/CLOSE), `priority`, `severity` (critical/warning/info/success),
/// `severity_emoji`, `source`, `teams` (comma-separated), `resource_type`, `resource_id`, `region`,
/// `occurred_at` (ISO 8601), `fingerprint`, `fingerprint_short` (12 characters), `environment`,
/// `runbook_url`, `dashboard_url`, `source_url`, `silence_url`, `receiver`, `occurrence`,
/// `sequence`; and `ec2` (a section, present for EC2 state changes) with `instance_id`, `state`
/// and `emoji`. Absent values are left out, so `{{#runbook_url}}…{{/runbook_url}}` works.
package struct TemplateContext: @unchecked Sendable {
    // @unchecked: the values are strings, booleans and nested dictionaries of them, built once and
    // only read; Mustache needs them as `Any`.
    let values: [String: Any]

    package init(_ delivery: Delivery) {
        self.init(alert: delivery.alert, action: delivery.action.rawValue, receiver: delivery.receiver,
                  occurrence: delivery.occurrence, sequence: delivery.sequence, fingerprint: delivery.fingerprint)
    }

    package init(alert: AlertEvent, action: String, receiver: String, occurrence: Int, sequence: Int, fingerprint: String) {
        var values: [String: Any] = [:]
        func put(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            values[key] = value
        }
        put("title", alert.title)
        put("description", alert.description)
        put("summary", alert.summary)
        put("reason", alert.reason)
        put("message", alert.description ?? alert.reason ?? alert.summary)
        put("subject", alert.state == .resolved ? "RESOLVED: \(alert.title)" : alert.title)
        put("state", alert.state.rawValue)
        values["resolved"] = alert.state == .resolved
        values["firing"] = alert.state == .firing
        put("action", action)
        put("priority", alert.priority.rawValue)
        put("severity", alert.displaySeverity.rawValue)
        put("severity_emoji", Self.emoji(alert.displaySeverity))
        put("source", alert.source)
        put("teams", alert.teams.joined(separator: ", "))
        put("resource_type", alert.resource?.type)
        put("resource_id", alert.resource?.id)
        put("region", alert.resource?.region ?? alert.identity.region)
        put("occurred_at", Timestamp.format(alert.occurredAt))
        put("fingerprint", fingerprint)
        put("fingerprint_short", String(fingerprint.prefix(12)))
        put("environment", alert.environment)
        put("runbook_url", alert.links.runbookURL)
        put("dashboard_url", alert.links.dashboardURL)
        put("source_url", alert.links.sourceURL)
        put("silence_url", alert.links.silenceURL)
        put("receiver", receiver)
        put("occurrence", String(occurrence))
        put("sequence", String(sequence))
        if let change = EC2StateChange(alert) {
            values["ec2"] = ["instance_id": change.instanceID, "state": change.state, "emoji": change.emoji]
        }
        self.values = values
    }

    private init(values: [String: Any]) {
        self.values = values
    }

    /// This context with one more value (a notifier's own addition, such as a sanitised message).
    package func with(_ key: String, _ value: String?) -> TemplateContext {
        var values = self.values
        values[key] = value
        return TemplateContext(values: values)
    }

    /// This context with a boolean, for a section such as `{{#has_links}}…{{/has_links}}`.
    package func with(_ key: String, flag: Bool) -> TemplateContext {
        var values = self.values
        values[key] = flag
        return TemplateContext(values: values)
    }

    /// This context with a list of rows of strings, for a repeated section such as
    /// `{{#rows}}| {{field}} | {{value}} |{{/rows}}` (an empty list renders nothing).
    package func with(_ key: String, list: [[String: String]]) -> TemplateContext {
        var values = self.values
        values[key] = list
        return TemplateContext(values: values)
    }

    /// This context with every string passed through `transform` (a platform's escaping).
    package func mappingStrings(_ transform: (String) -> String) -> TemplateContext {
        func map(_ value: Any) -> Any {
            if let text = value as? String { return transform(text) }
            if let nested = value as? [String: Any] { return nested.mapValues(map) }
            return value
        }
        return TemplateContext(values: values.mapValues(map))
    }

    /// A string value, for notifiers that use a value outside a template.
    package subscript(key: String) -> String? { values[key] as? String }

    /// The emoji shown for a severity.
    package static func emoji(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "🔴"
        case .warning: return "🟠"
        case .info: return "🔵"
        case .success: return "✅"
        }
    }
}
