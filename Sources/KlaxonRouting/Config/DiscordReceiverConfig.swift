import KlaxonCore

/// A `discord:` receiver: messages to a Discord channel webhook.
///
/// `style: embed` (default) posts a rich embed coloured by severity; `style: plain` posts the
/// established text format. `username` and `avatar_url` override the webhook's own name and icon so
/// each environment can post as its own bot. See docs/notifiers.md.
package struct DiscordReceiverConfig: Sendable, Equatable {
    package static let kindName = "discord"
    package static let defaultTimeout: Duration = .seconds(10)
    /// The template parts a Discord receiver renders.
    package static let templateParts = ["content", "title", "description", "resolution"]

    package enum Style: String, Sendable, Equatable, CaseIterable {
        case embed, plain
    }

    /// `https://discord.com/api/webhooks/{id}/{token}` or any base URL (a local stand-in). A secret:
    /// the token in it lets anyone post.
    package var webhookURL: Secret
    package var style: Style
    /// Discord allows 1–80 characters.
    package var username: String?
    package var avatarURL: String?
    /// On RESOLVED, edit the original message in place (needs the message id kept from
    /// `?wait=true`) before posting a short resolution line.
    package var editOnResolve: Bool
    /// Acknowledge / Silence 1h buttons. Discord only accepts components on webhooks owned by an
    /// application, so this is off by default.
    package var buttons: Bool
    package var timeout: Duration
    package var template: TemplateOverrides
    /// Discord allows 5 requests per 2 s per webhook; see ``RateLimitSetting``.
    package var rateLimit: RateLimitSetting = .platformDefault

    package init(
        webhookURL: Secret, style: Style = .embed, username: String? = nil, avatarURL: String? = nil, editOnResolve: Bool = true,
        buttons: Bool = false, timeout: Duration = DiscordReceiverConfig.defaultTimeout, template: TemplateOverrides = TemplateOverrides()
    ) {
        self.webhookURL = webhookURL
        self.style = style
        self.username = username
        self.avatarURL = avatarURL
        self.editOnResolve = editOnResolve
        self.buttons = buttons
        self.timeout = timeout
        self.template = template
    }
}
