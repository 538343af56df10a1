/// One parsed chat request.
package struct ChatRequest: Sendable, Equatable {
    package var command: ChatCommand
    package var actor: ChatActor

    package init(command: ChatCommand, actor: ChatActor) {
        self.command = command
        self.actor = actor
    }
}
