import Foundation
import KlaxonCore

extension DiscordMessage {
    /// This message cut to fit every limit in ``DiscordLimits``: each text clipped with a visible
    /// marker (code blocks closed again), extra embeds and fields dropped with a note, and the
    /// embeds shrunk together until they total at most 6,000 characters.
    package func applyingLimits() -> DiscordMessage {
        var message = self
        if let content = message.content { message.content = TextLimit.clip(content, to: DiscordLimits.content) }
        if let username = message.username { message.username = TextLimit.prefix(username, scalars: DiscordLimits.username) }
        if message.embeds.count > DiscordLimits.embedsPerMessage {
            // Say so above the embeds that are kept: dropped alerts must not vanish unnoticed.
            let dropped = message.embeds.count - DiscordLimits.embedsPerMessage
            message.embeds = Array(message.embeds.prefix(DiscordLimits.embedsPerMessage))
            let note = "… \(dropped) more \(dropped == 1 ? "embed" : "embeds") not shown [truncated]"
            message.content = TextLimit.clip(message.content.map { "\($0)\n\(note)" } ?? note, to: DiscordLimits.content)
        }
        message.embeds = message.embeds.map(Self.clipped)
        message.buttons = Array(message.buttons.prefix(DiscordLimits.buttonsPerRow))
        message.embeds = Self.fittingTotal(message.embeds)
        return message
    }

    private static func clipped(_ embed: Embed) -> Embed {
        var embed = embed
        embed.title = embed.title.map { TextLimit.clip($0, to: DiscordLimits.title) }
        embed.description = embed.description.map { TextLimit.clip($0, to: DiscordLimits.description) }
        embed.footer = embed.footer.map { TextLimit.clip($0, to: DiscordLimits.footerText) }
        embed.author = embed.author.map { TextLimit.clip($0, to: DiscordLimits.authorName) }
        if embed.fields.count > DiscordLimits.fields {
            let dropped = embed.fields.count - (DiscordLimits.fields - 1)
            embed.fields = Array(embed.fields.prefix(DiscordLimits.fields - 1))
            embed.fields.append(droppedFields(dropped))
        }
        embed.fields = embed.fields.map { field in
            Field(name: TextLimit.clip(field.name, to: DiscordLimits.fieldName), value: TextLimit.clip(field.value, to: DiscordLimits.fieldValue), inline: field.inline)
        }
        return embed
    }

    /// Shrinks embeds until their counted characters total at most 6,000: each embed over an equal
    /// share loses description first, then fields from the end (replaced by a last field saying how
    /// many, when it fits), then title.
    private static func fittingTotal(_ embeds: [Embed]) -> [Embed] {
        let total = embeds.reduce(0) { $0 + $1.countedLength }
        guard total > DiscordLimits.totalEmbedCharacters, !embeds.isEmpty else { return embeds }
        let share = DiscordLimits.totalEmbedCharacters / embeds.count
        return embeds.map { embed in
            var embed = embed
            guard embed.countedLength > share else { return embed }
            if let description = embed.description {
                let others = embed.countedLength - TextLimit.length(description)
                let room = share - others
                embed.description = room > TextLimit.length(TextLimit.marker) ? TextLimit.clip(description, to: room) : nil
            }
            var removed = 0
            while embed.countedLength > share, !embed.fields.isEmpty {
                removed += Self.fieldsCounted(by: embed.fields.removeLast())
            }
            if removed > 0 {
                while !embed.fields.isEmpty, embed.countedLength + Self.length(Self.droppedFields(removed)) > share {
                    removed += Self.fieldsCounted(by: embed.fields.removeLast())
                }
                if embed.countedLength + Self.length(Self.droppedFields(removed)) <= share { embed.fields.append(Self.droppedFields(removed)) }
            }
            if embed.countedLength > share {
                embed.footer = nil
                embed.author = nil
            }
            if embed.countedLength > share, let title = embed.title {
                embed.title = TextLimit.clip(title, to: max(1, share))
            }
            return embed
        }
    }

    /// The last field of an embed that lost `count` fields.
    static func droppedFields(_ count: Int) -> Field {
        Field(name: "…", value: "\(count) more fields [truncated]", inline: false)
    }

    private static func length(_ field: Field) -> Int { TextLimit.length(field.name) + TextLimit.length(field.value) }

    /// How many original fields `field` stands for: itself, or the count a dropped-fields note holds.
    private static func fieldsCounted(by field: Field) -> Int {
        guard field.name == "…", field.value.hasSuffix(" more fields [truncated]"),
              let count = Int(field.value.prefix { $0.isNumber }) else { return 1 }
        return count
    }
}
