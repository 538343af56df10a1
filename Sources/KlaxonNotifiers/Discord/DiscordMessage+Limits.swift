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
            message.embeds = Array(message.embeds.prefix(DiscordLimits.embedsPerMessage))
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
            embed.fields.append(Field(name: "…", value: "\(dropped) more fields [truncated]", inline: false))
        }
        embed.fields = embed.fields.map { field in
            Field(name: TextLimit.clip(field.name, to: DiscordLimits.fieldName), value: TextLimit.clip(field.value, to: DiscordLimits.fieldValue), inline: field.inline)
        }
        return embed
    }

    /// Shrinks embeds until their counted characters total at most 6,000: each embed over an equal
    /// share loses description first, then fields from the end, then title.
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
            while embed.countedLength > share, !embed.fields.isEmpty { embed.fields.removeLast() }
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
}
