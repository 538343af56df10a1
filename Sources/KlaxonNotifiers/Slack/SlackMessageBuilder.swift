import Foundation
import KlaxonCore
import KlaxonPipeline

/// Turns a delivery into a Slack Block Kit message: the fall-back `text`, and one attachment whose
/// `color` is the severity colour holding the blocks (header, body, fields, links, buttons). Pure.
///
/// Buttons carry `action_id` = ``ChatAction`` raw value and `value` = the fingerprint. Message
/// shape: https://api.slack.com/reference/messaging/payload and
/// https://api.slack.com/reference/messaging/attachments (attachments may hold `blocks`).
package struct SlackMessageBuilder: Sendable {
    package var templates: MessageTemplates
    package var buttons: Bool

    package init(templates: MessageTemplates, buttons: Bool) {
        self.templates = templates
        self.buttons = buttons
    }

    /// The message fields (no `channel`/`ts`: the transport adds those).
    package func message(for delivery: Delivery, withButtons: Bool? = nil) -> [String: JSONValue] {
        let alert = delivery.alert
        let context = TemplateContext(delivery)
        let escaped = context.mappingStrings(Self.escape)
        var blocks: [JSONValue] = []
        let title = templates.renderTrimmed("title", context)
        if !title.isEmpty {
            blocks.append(.object(["type": .string("header"), "text": Self.plain(TextLimit.clip(title, to: SlackLimits.headerText))]))
        }
        let body = templates.renderTrimmed("body", escaped)
        if !body.isEmpty {
            blocks.append(.object(["type": .string("section"), "text": Self.mrkdwn(TextLimit.clip(body, to: SlackLimits.sectionText))]))
        }
        var fields: [(String, String)] = [("Priority", alert.priority.rawValue)]
        if !alert.teams.isEmpty { fields.append(("Teams", alert.teams.joined(separator: ", "))) }
        if let resource = alert.resource { fields.append(("Resource", [resource.type, resource.id].compactMap { $0 }.joined(separator: " "))) }
        if let region = context["region"] { fields.append(("Region", region)) }
        let unix = Int64(alert.occurredAt.timeIntervalSince1970.rounded(.down))
        fields.append(("Time", "<!date^\(unix)^{date_short_pretty} {time}|\(Timestamp.format(alert.occurredAt))>"))
        blocks.append(.object(["type": .string("section"), "fields": .array(fields.prefix(SlackLimits.sectionFields).map { name, value in
            Self.mrkdwn(TextLimit.clip("*\(name)*\n\(name == "Time" ? value : Self.escape(value))", to: SlackLimits.fieldText))
        })]))
        let links = [("Runbook", alert.links.runbookURL), ("Dashboard", alert.links.dashboardURL), ("Source", alert.links.sourceURL), ("Silence", alert.links.silenceURL)]
            .compactMap { label, url in url.flatMap { $0.isEmpty ? nil : "<\(Self.escapeURL($0))|\(label)>" } }
        var footer: [JSONValue] = []
        if !links.isEmpty { footer.append(Self.mrkdwn(links.joined(separator: " · "))) }
        footer.append(Self.mrkdwn("\(Self.escape(alert.source)) · \(delivery.action.rawValue) · fp `\(delivery.fingerprint.prefix(12))`"))
        blocks.append(.object(["type": .string("context"), "elements": .array(footer)]))
        if withButtons ?? buttons, alert.state == .firing {
            blocks.append(.object(["type": .string("actions"), "block_id": .string("klaxon_actions"), "elements": .array(ChatAction.allCases.map { action in
                .object([
                    "type": .string("button"), "text": Self.plain(action.label), "action_id": .string(action.rawValue),
                    "value": .string(delivery.fingerprint),
                ])
            })]))
        }
        let color = String(format: "#%06X", alert.displaySeverity.color)
        return [
            // Slack parses `<!channel>`, `<@U…>` and links in `text` as in mrkdwn: render it from
            // the escaped values, or an alert title could ping the whole channel.
            "text": .string(TextLimit.clip(templates.renderTrimmed("text", escaped), to: SlackLimits.text)),
            "attachments": .array([.object(["color": .string(color), "blocks": .array(blocks)])]),
        ]
    }

    /// The short line posted (in the thread) when a resolved alert's original was updated.
    package func resolutionLine(for delivery: Delivery) -> String {
        TextLimit.clip(templates.renderTrimmed("resolution", TemplateContext(delivery).mappingStrings(Self.escape)), to: SlackLimits.text)
    }

    /// mrkdwn escaping: https://api.slack.com/reference/surfaces/formatting#escaping
    package static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func escapeURL(_ url: String) -> String {
        url.replacingOccurrences(of: "|", with: "%7C").replacingOccurrences(of: ">", with: "%3E").replacingOccurrences(of: "<", with: "%3C")
    }

    private static func plain(_ text: String) -> JSONValue {
        .object(["type": .string("plain_text"), "text": .string(text), "emoji": .bool(true)])
    }

    private static func mrkdwn(_ text: String) -> JSONValue {
        .object(["type": .string("mrkdwn"), "text": .string(text)])
    }
}
