/// A `console:` receiver: one line per notification on standard output. Handy for trying Klaxon
/// out and for the default configuration.
package struct ConsoleReceiverConfig: Sendable, Equatable {
    package static let kindName = "console"

    /// How each line is written.
    package enum Format: String, Sendable, Equatable, CaseIterable {
        /// A human-readable line.
        case text
        /// One JSON object per line.
        case json
    }

    package var format: Format

    package init(format: Format = .text) {
        self.format = format
    }
}
