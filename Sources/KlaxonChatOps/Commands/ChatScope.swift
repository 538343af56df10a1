/// The optional scope of `/mute-alerts`: silence only the alerts of some team, source, priority
/// or service instead of muting everything. Several terms narrow it (`team:web priority:P3` is
/// web's P3 alerts only): the silence gets one matcher per term, and a silence ANDs its matchers.
package struct ChatScope: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        case team, source, priority, service
    }

    /// One `kind=value` of the scope.
    package struct Term: Sendable, Equatable {
        package var kind: Kind
        package var value: String

        package init(kind: Kind, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    /// In the order given; never empty when built by the parsers.
    package var terms: [Term]

    package init(terms: [Term]) {
        self.terms = terms
    }

    /// A scope of one term.
    package init(kind: Kind, value: String) {
        self.init(terms: [Term(kind: kind, value: value)])
    }
}
