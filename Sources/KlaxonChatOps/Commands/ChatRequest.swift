/// One parsed chat request.
package struct ChatRequest: Sendable, Equatable {
    package var command: ChatCommand
    package var actor: ChatActor
    /// Sent in a direct message with the bot rather than in a server or workspace channel. Anyone
    /// who shares a server with the bot can open such a conversation, so state-changing commands
    /// are refused there (see ``ChatOpsHandler/handle(_:)``).
    package var inDirectMessage: Bool

    package init(command: ChatCommand, actor: ChatActor, inDirectMessage: Bool = false) {
        self.command = command
        self.actor = actor
        self.inDirectMessage = inDirectMessage
    }
}
