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
