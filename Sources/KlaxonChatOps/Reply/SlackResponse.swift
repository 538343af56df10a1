import KlaxonCore

/// What Klaxon answers Slack, inline or through `response_url`.
///
/// Spec: https://api.slack.com/interactivity/handling#message_responses (`response_type`
/// `ephemeral` or `in_channel`; `replace_original: false` keeps the alert message a button was on).
package enum SlackResponse {
    /// Slack's limit for a message `text` is 40,000 characters; keep well inside it.
    package static let textLimit = 3000

    package static func message(_ reply: ChatReply) -> String {
        let text = TextLimit.clip(reply.text, to: textLimit)
        return ChatJSON.encode(Wire(response_type: reply.ephemeral ? "ephemeral" : "in_channel", text: text, replace_original: false))
    }

    struct Wire: Encodable {
        var response_type: String
        var text: String
        var replace_original: Bool
    }
}
