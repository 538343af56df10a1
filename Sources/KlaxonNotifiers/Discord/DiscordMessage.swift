import Foundation
import KlaxonCore

/// The JSON body of a Discord Execute Webhook / Edit Webhook Message request, as Klaxon builds it.
///
/// Wire shape: https://discord.com/developers/docs/resources/webhook#execute-webhook-jsonform-params
/// and https://discord.com/developers/docs/resources/message#embed-object. Only what Klaxon sends is
/// modelled. ``applyingLimits()`` makes any message fit ``DiscordLimits`` by truncation.
package struct DiscordMessage: Sendable, Equatable {
    package struct Field: Sendable, Equatable {
        package var name: String
        package var value: String
        package var inline: Bool

        package init(name: String, value: String, inline: Bool = true) {
            self.name = name
            self.value = value
            self.inline = inline
        }
    }

    package struct Embed: Sendable, Equatable {
        package var title: String?
        package var description: String?
        package var url: String?
        package var color: Int?
        package var timestamp: String?
        package var fields: [Field] = []
        package var footer: String?
        package var author: String?

        package init(title: String? = nil, description: String? = nil, url: String? = nil, color: Int? = nil, timestamp: String? = nil,
                     fields: [Field] = [], footer: String? = nil, author: String? = nil) {
            self.title = title
            self.description = description
            self.url = url
            self.color = color
            self.timestamp = timestamp
            self.fields = fields
            self.footer = footer
            self.author = author
        }

        /// The characters Discord counts toward the 6,000 total.
        package var countedLength: Int {
            let parts = [title, description, footer, author].compactMap { $0 } + fields.flatMap { [$0.name, $0.value] }
            return parts.reduce(0) { $0 + TextLimit.length($1) }
        }
    }

    /// A button (component type 2) in an action row (type 1).
    package struct Button: Sendable, Equatable {
        package var label: String
        package var customID: String
    }

    package var content: String?
    package var username: String?
    package var avatarURL: String?
    package var embeds: [Embed] = []
    package var buttons: [Button] = []
    /// Send `components: []` (an edit that removes earlier buttons).
    package var clearsComponents = false

    package init(content: String? = nil, username: String? = nil, avatarURL: String? = nil, embeds: [Embed] = [], buttons: [Button] = []) {
        self.content = content
        self.username = username
        self.avatarURL = avatarURL
        self.embeds = embeds
        self.buttons = buttons
    }

    /// The request body: compact JSON, keys sorted. `allowed_mentions` is always empty so alert
    /// text can never ping `@everyone` or a role.
    package var json: JSONValue {
        var object: [String: JSONValue] = ["allowed_mentions": .object(["parse": .array([])])]
        if let content { object["content"] = .string(content) }
        if let username { object["username"] = .string(username) }
        if let avatarURL { object["avatar_url"] = .string(avatarURL) }
        if !embeds.isEmpty { object["embeds"] = .array(embeds.map(Self.json)) }
        if !buttons.isEmpty {
            let row: JSONValue = .object(["type": .int(1), "components": .array(buttons.map { button in
                .object(["type": .int(2), "style": .int(2), "label": .string(button.label), "custom_id": .string(button.customID)])
            })])
            object["components"] = .array([row])
        } else if clearsComponents {
            object["components"] = .array([])
        }
        return .object(object)
    }

    private static func json(_ embed: Embed) -> JSONValue {
        var object: [String: JSONValue] = [:]
        if let title = embed.title { object["title"] = .string(title) }
        if let description = embed.description { object["description"] = .string(description) }
        if let url = embed.url { object["url"] = .string(url) }
        if let color = embed.color { object["color"] = .int(Int64(color)) }
        if let timestamp = embed.timestamp { object["timestamp"] = .string(timestamp) }
        if !embed.fields.isEmpty {
            object["fields"] = .array(embed.fields.map { field in
                .object(["name": .string(field.name), "value": .string(field.value), "inline": .bool(field.inline)])
            })
        }
        if let footer = embed.footer { object["footer"] = .object(["text": .string(footer)]) }
        if let author = embed.author { object["author"] = .object(["name": .string(author)]) }
        return .object(object)
    }
}
