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
