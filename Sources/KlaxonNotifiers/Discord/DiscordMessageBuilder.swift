import Foundation
import KlaxonCore
import KlaxonPipeline

/// Turns deliveries into Discord messages for one receiver: the style, the templates, the bot's
/// name and avatar, the buttons. Pure: no I/O, so every message kind has a golden file.
package struct DiscordMessageBuilder: Sendable {
    package enum Style: String, Sendable { case embed, plain }

    package var style: Style
    package var templates: MessageTemplates
    package var username: String?
    package var avatarURL: String?
    package var buttons: Bool

    package init(style: Style, templates: MessageTemplates, username: String? = nil, avatarURL: String? = nil, buttons: Bool = false) {
        self.style = style
        self.templates = templates
        self.username = username
        self.avatarURL = avatarURL
        self.buttons = buttons
    }

    /// The message posted for one delivery (CREATE, COMMENT, or a CLOSE whose original is not edited).
    package func message(for delivery: Delivery) -> DiscordMessage {
        message(for: [delivery])
    }

    /// One message for several deliveries: one embed each (embed style). Plain style joins the
    /// lines into one content.
    package func message(for deliveries: [Delivery]) -> DiscordMessage {
        var message = DiscordMessage(username: username, avatarURL: avatarURL)
        switch style {
        case .plain:
            message.content = deliveries.map { templates.renderTrimmed("content", context($0)) }.joined(separator: "\n")
        case .embed:
            message.embeds = deliveries.map(embed)
        }
        if buttons, deliveries.count == 1, let delivery = deliveries.first, delivery.alert.state == .firing {
            message.buttons = ChatAction.allCases.map { action in
                DiscordMessage.Button(label: action.label, customID: action.customID(fingerprint: delivery.fingerprint))
            }
        }
        return message.applyingLimits()
    }

    /// The body that replaces the original message when the alert resolves (buttons removed).
    /// An edit cannot change the webhook's name or avatar, so neither is sent.
    package func edit(for delivery: Delivery) -> DiscordMessage {
        var message = DiscordMessage()
        switch style {
        case .plain: message.content = templates.renderTrimmed("content", context(delivery))
        case .embed: message.embeds = [embed(delivery)]
        }
        message.clearsComponents = true
        return message.applyingLimits()
    }

    /// The short line posted after an edit in place.
    package func resolutionLine(for deliveries: [Delivery]) -> DiscordMessage {
        var message = DiscordMessage(username: username, avatarURL: avatarURL)
        message.content = deliveries.map { templates.renderTrimmed("resolution", context($0)) }.joined(separator: "\n")
        return message.applyingLimits()
    }

    func context(_ delivery: Delivery) -> TemplateContext {
        let base = TemplateContext(delivery)
        // Inside a code block a ``` in the text would end the block early: break such runs with a
        // zero-width space, which Discord shows as nothing.
        return base.with("code_message", base["message"]?.replacingOccurrences(of: "```", with: "`\u{200B}``"))
    }

    private func embed(_ delivery: Delivery) -> DiscordMessage.Embed {
        let alert = delivery.alert
        let context = context(delivery)
        var fields: [DiscordMessage.Field] = [DiscordMessage.Field(name: "Priority", value: alert.priority.rawValue)]
        if !alert.teams.isEmpty { fields.append(.init(name: "Teams", value: alert.teams.joined(separator: ", "))) }
        if let resource = alert.resource {
            fields.append(.init(name: "Resource", value: [resource.type, resource.id].compactMap { $0 }.joined(separator: " ")))
        }
        if let region = context["region"] { fields.append(.init(name: "Region", value: region)) }
        let unix = Int64(alert.occurredAt.timeIntervalSince1970.rounded(.down))
        fields.append(.init(name: "Time", value: "<t:\(unix):f>"))
        if delivery.action == .comment { fields.append(.init(name: "Update", value: "#\(delivery.sequence)")) }
        let links = [("Runbook", alert.links.runbookURL), ("Dashboard", alert.links.dashboardURL), ("Source", alert.links.sourceURL), ("Silence", alert.links.silenceURL)]
            .compactMap { label, url in url.flatMap { $0.isEmpty ? nil : "[\(label)](\($0))" } }
        if !links.isEmpty { fields.append(.init(name: "Links", value: links.joined(separator: " · "), inline: false)) }
        let description = templates.renderTrimmed("description", context)
        return DiscordMessage.Embed(
            title: templates.renderTrimmed("title", context), description: description.isEmpty ? nil : description,
            color: alert.displaySeverity.color, timestamp: Timestamp.format(alert.occurredAt), fields: fields,
            footer: "\(alert.source) · \(delivery.action.rawValue) · fp \(delivery.fingerprint.prefix(12))")
    }
}
