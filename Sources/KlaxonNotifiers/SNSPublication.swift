import Foundation
import KlaxonCore
import KlaxonPipeline

/// One SNS Publish, as the SNS receiver makes it: what email and SMS subscribers read, and the
/// message attributes a subscription filter policy can select on.
///
/// Format (docs/aws-sources.md, "SNS receiver"):
/// - Subject (email only; SNS allows ASCII, no line breaks, under 100 characters):
///   `[P1] FIRING: <title>`, `[P1] RESOLVED: <title>` — non-ASCII becomes `?`, cut to 99.
/// - Message: plain text, a header line, the title, summary / description / reason, then
///   `Key: value` facts (source, teams, region, resource, links, fingerprint, time). At most
///   ``maxMessageBytes`` (SNS allows 256 KiB; SMS subscribers see the first 140 bytes, which is why
///   the header and title come first).
/// - Attributes: `klaxon_action`, `klaxon_state`, `klaxon_priority`, `klaxon_source`,
///   `klaxon_fingerprint`, `klaxon_teams` (comma-separated).
/// https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
package struct SNSPublication: Sendable, Equatable {
    package static let maxSubjectLength = 99
    package static let maxMessageBytes = 64 * 1024

    package var topicARN: String
    package var subject: String
    package var message: String
    package var attributes: [String: String]

    package init(topicARN: String, delivery: Delivery) {
        self.topicARN = topicARN
        let alert = delivery.alert
        subject = Self.subject("[\(alert.priority.rawValue)] \(alert.state.rawValue): \(alert.title)")
        message = Self.message(for: delivery)
        attributes = [
            "klaxon_action": delivery.action.rawValue, "klaxon_state": alert.state.rawValue,
            "klaxon_priority": alert.priority.rawValue, "klaxon_source": alert.source,
            "klaxon_fingerprint": delivery.fingerprint,
        ]
        if !alert.teams.isEmpty { attributes["klaxon_teams"] = alert.teams.joined(separator: ",") }
    }

    /// ASCII printable only, one line, at most ``maxSubjectLength`` characters.
    static func subject(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if out.count >= maxSubjectLength { break }
            switch scalar.value {
            case 0x20...0x7E: out.unicodeScalars.append(scalar)
            case 0x09, 0x0A, 0x0D: out.append(" ")
            default: out.append("?")
            }
        }
        if text.unicodeScalars.count > maxSubjectLength {
            out = String(out.prefix(maxSubjectLength - 3)) + "..."
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    static func message(for delivery: Delivery) -> String {
        let alert = delivery.alert
        var lines = ["[\(alert.priority.rawValue)] \(alert.state.rawValue) (\(delivery.action.rawValue))", alert.title, ""]
        for text in [alert.summary, alert.description, alert.reason] {
            if let text, !text.isEmpty { lines.append(text); lines.append("") }
        }
        var facts: [(String, String?)] = [
            ("Source", alert.source), ("Teams", alert.teams.isEmpty ? nil : alert.teams.joined(separator: ", ")),
            ("Region", alert.resource?.region ?? alert.identity.region), ("Account", alert.identity.awsAccount ?? alert.identity.accountId),
        ]
        if let resource = alert.resource { facts.append(("Resource", [resource.type, resource.id].compactMap { $0 }.joined(separator: " "))) }
        facts += [
            ("Runbook", alert.links.runbookURL), ("Dashboard", alert.links.dashboardURL), ("Source URL", alert.links.sourceURL),
            ("Occurred", Timestamp.format(alert.occurredAt)), ("Fingerprint", delivery.fingerprint),
        ]
        for case let (key, value?) in facts where !value.isEmpty { lines.append("\(key): \(value)") }
        var text = lines.joined(separator: "\n")
        if text.utf8.count > maxMessageBytes {
            text = String(decoding: Array(text.utf8.prefix(maxMessageBytes - 20)), as: UTF8.self) + "\n[truncated]"
        }
        return text
    }
}
