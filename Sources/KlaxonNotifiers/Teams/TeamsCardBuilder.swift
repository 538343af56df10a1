import Foundation
import KlaxonCore
import KlaxonPipeline

/// Turns a delivery into the Teams webhook body: a `message` whose one attachment is an Adaptive
/// Card 1.4 with the title in a severity-styled container, the body, a FactSet, and
/// `Action.OpenUrl` links (dashboard, runbook, source, approval page). Pure.
///
/// Envelope: https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook
/// Card schema: https://adaptivecards.io/explorer/ . Incoming webhooks and Workflows do not carry
/// interactive actions back to Klaxon (Action.Submit / Action.Execute are dropped or refused), so
/// the card has links only.
package struct TeamsCardBuilder: Sendable {
    /// Teams refuses a webhook message over 28 KB. The serialized message is measured and shrunk
    /// until it fits ``maxMessageBytes``: the body text (at most 12,000 UTF-8 bytes to begin with)
    /// first, then the title and facts (500 characters to begin with), then the link buttons.
    /// Measuring the JSON matters: a quote or backslash doubles when escaped, a control character
    /// becomes six bytes.
    package static let maxBodyTextBytes = 12_000
    /// 28 KB less a margin for the HTTP layer's view of "KB".
    package static let maxMessageBytes = 28_000
    package static let maxTextCharacters = 500
    package static let cardVersion = "1.4"

    package var templates: MessageTemplates

    package init(templates: MessageTemplates) {
        self.templates = templates
    }

    package func body(for delivery: Delivery) -> Data {
        message(for: delivery).serialized()
    }

    package func message(for delivery: Delivery) -> JSONValue {
        var budget = Budget(bodyBytes: Self.maxBodyTextBytes, textCharacters: Self.maxTextCharacters, links: true)
        while true {
            let message = message(for: delivery, within: budget)
            let size = message.serialized().count
            guard size > Self.maxMessageBytes, let smaller = budget.shrunk(by: size - Self.maxMessageBytes) else { return message }
            budget = smaller
        }
    }

    /// How much of each text a message may hold.
    struct Budget {
        var bodyBytes: Int
        var textCharacters: Int
        var links: Bool

        /// A smaller budget for a message `overshoot` bytes too big, nil when nothing is left to cut.
        /// Each UTF-8 byte of text serializes to at least one byte, so cutting the body by the
        /// overshoot is enough unless the body is shorter than that.
        func shrunk(by overshoot: Int) -> Budget? {
            var next = self
            if bodyBytes > 0 {
                next.bodyBytes = max(0, min(bodyBytes / 2, bodyBytes - overshoot))
            } else if textCharacters > 40 {
                next.textCharacters = max(40, textCharacters / 2)
            } else if links {
                next.links = false
            } else {
                return nil
            }
            return next
        }
    }

    private func message(for delivery: Delivery, within budget: Budget) -> JSONValue {
        let alert = delivery.alert
        let context = TemplateContext(delivery)
        let (style, color) = Self.style(alert.displaySeverity)
        var body: [JSONValue] = [
            .object([
                "type": .string("Container"), "style": .string(style), "bleed": .bool(true),
                "items": .array([.object([
                    "type": .string("TextBlock"), "text": .string(TextLimit.clip(templates.renderTrimmed("title", context), to: budget.textCharacters)),
                    "weight": .string("Bolder"), "size": .string("Medium"), "color": .string(color), "wrap": .bool(true),
                ])]),
            ]),
        ]
        let text = TextLimit.clip(templates.renderTrimmed("body", context), toUTF8Bytes: budget.bodyBytes)
        if !text.isEmpty {
            body.append(.object(["type": .string("TextBlock"), "text": .string(text), "wrap": .bool(true)]))
        }
        var facts: [(String, String)] = [("Priority", alert.priority.rawValue), ("State", alert.state.rawValue)]
        if !alert.teams.isEmpty { facts.append(("Teams", alert.teams.joined(separator: ", "))) }
        if let resource = alert.resource { facts.append(("Resource", [resource.type, resource.id].compactMap { $0 }.joined(separator: " "))) }
        if let region = context["region"] { facts.append(("Region", region)) }
        facts.append(("Time", Timestamp.format(alert.occurredAt)))
        facts.append(("Fingerprint", String(delivery.fingerprint.prefix(12))))
        body.append(.object(["type": .string("FactSet"), "facts": .array(facts.map { title, value in
            .object(["title": .string(title), "value": .string(TextLimit.clip(value, to: budget.textCharacters))])
        })]))
        var links = [("Dashboard", alert.links.dashboardURL), ("Runbook", alert.links.runbookURL), ("Source", alert.links.sourceURL)]
        let approval = templates.renderTrimmed("approval_url", context)
        links.append(("Approval page", approval.isEmpty ? nil : approval))
        let actions: [JSONValue] = links.compactMap { title, url -> JSONValue? in
            guard let url, url.hasPrefix("https://") || url.hasPrefix("http://") else { return nil }
            return .object(["type": .string("Action.OpenUrl"), "title": .string(title), "url": .string(url)])
        }
        var card: [String: JSONValue] = [
            "$schema": .string("http://adaptivecards.io/schemas/adaptive-card.json"), "type": .string("AdaptiveCard"),
            "version": .string(Self.cardVersion), "body": .array(body), "msteams": .object(["width": .string("Full")]),
        ]
        if !actions.isEmpty, budget.links { card["actions"] = .array(actions) }
        return .object([
            "type": .string("message"),
            "attachments": .array([.object([
                "contentType": .string("application/vnd.microsoft.card.adaptive"), "contentUrl": .null, "content": .object(card),
            ])]),
        ])
    }

    /// Container style and TextBlock colour for a severity (Adaptive Cards' named colours).
    private static func style(_ severity: Severity) -> (String, String) {
        switch severity {
        case .critical: return ("attention", "Attention")
        case .warning: return ("warning", "Warning")
        case .info: return ("accent", "Accent")
        case .success: return ("good", "Good")
        }
    }
}
