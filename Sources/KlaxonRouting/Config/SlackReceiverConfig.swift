import KlaxonCore

/// A `slack:` receiver: Block Kit messages through an incoming webhook (`webhook_url`) or the Web
/// API with a bot token (`bot_token` + `channel`, `chat.postMessage` / `chat.update`).
///
/// Only the Web API can edit a message, so `edit_on_resolve` applies to it alone.
package struct SlackReceiverConfig: Sendable, Equatable {
    package static let kindName = "slack"
    package static let defaultTimeout: Duration = .seconds(10)
    package static let defaultAPIURL = "https://slack.com/api"
    /// The template parts a Slack receiver renders.
    package static let templateParts = ["text", "title", "body", "resolution"]

    package enum Transport: Sendable, Equatable {
        /// An incoming webhook URL (a secret).
        case webhook(url: Secret)
        /// The Web API at `apiURL` (`https://slack.com/api`), posting to `channel` with a bot token.
        case webAPI(apiURL: String, token: Secret, channel: String)
    }

    package var transport: Transport
    /// Acknowledge / Silence 1h buttons (handled by the chat-ops work).
    package var buttons: Bool
    package var editOnResolve: Bool
    package var timeout: Duration
    package var template: TemplateOverrides

    package init(
        transport: Transport, buttons: Bool = true, editOnResolve: Bool = true, timeout: Duration = SlackReceiverConfig.defaultTimeout,
        template: TemplateOverrides = TemplateOverrides()
    ) {
        self.transport = transport
        self.buttons = buttons
        self.editOnResolve = editOnResolve
        self.timeout = timeout
        self.template = template
    }
}
