/// The optional scope of `/mute-alerts`: silence only the alerts of one team, source, priority
/// or service instead of muting everything.
package struct ChatScope: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        case team, source, priority, service
    }

    package var kind: Kind
    package var value: String

    package init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }
}
