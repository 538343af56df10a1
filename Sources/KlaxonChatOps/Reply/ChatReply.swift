/// A text answer to a chat command. Ephemeral replies are seen only by the person who asked
/// (Discord flag 64, Slack `response_type: ephemeral`).
package struct ChatReply: Sendable, Equatable {
    package var text: String
    package var ephemeral: Bool

    package init(_ text: String, ephemeral: Bool = false) {
        self.text = text
        self.ephemeral = ephemeral
    }
}

/// What the handler decided: answer now, or acknowledge now and send `followUp` later (Discord
/// type 5 then a PATCH of the original; Slack a 200 then a POST to `response_url`).
package enum ChatOutcome: Sendable, Equatable {
    case reply(ChatReply)
    case deferred(acknowledgement: ChatReply?, followUp: ChatFollowUp)
}

/// Work to finish after the platform has its answer.
package enum ChatFollowUp: Sendable, Equatable {
    /// The `/status` report, built when the follow-up is sent.
    case statusReport
}
