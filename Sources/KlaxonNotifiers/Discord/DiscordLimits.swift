/// Discord's documented limits for a webhook message.
///
/// - Execute Webhook: https://discord.com/developers/docs/resources/webhook#execute-webhook
///   (content 2,000 characters, up to 10 embeds, username 1–80).
/// - Embed limits: https://discord.com/developers/docs/resources/message#embed-object-embed-limits
///   (title 256, description 4,096, 25 fields, field name 256, field value 1,024, footer text
///   2,048, author name 256, 6,000 characters over every embed of a message).
package enum DiscordLimits {
    package static let content = 2000
    package static let embedsPerMessage = 10
    package static let title = 256
    package static let description = 4096
    package static let fields = 25
    package static let fieldName = 256
    package static let fieldValue = 1024
    package static let footerText = 2048
    package static let authorName = 256
    package static let totalEmbedCharacters = 6000
    package static let username = 80
    /// Buttons per action row, and a component's `custom_id`.
    package static let buttonsPerRow = 5
    package static let customID = 100
}
