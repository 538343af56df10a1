/// One entry of `receivers:`: a name routes refer to, and what kind of destination it is.
package struct ReceiverConfig: Sendable, Equatable {
    /// Unique among receivers; letters, digits, `-`, `_` and `.`. Stored with each delivery.
    package var name: String
    package var kind: ReceiverKind

    package init(name: String, kind: ReceiverKind) {
        self.name = name
        self.kind = kind
    }
}
