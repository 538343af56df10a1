import KlaxonCore

/// One entry of `routes:`. Routes are tried in order; the first that matches wins, unless it says
/// `continue: true`, in which case the following routes are tried too.
package struct RouteConfig: Sendable, Equatable {
    /// All must match; an empty list matches every alert.
    package var matchers: [Matcher]
    /// Receiver names, each defined under `receivers:`.
    package var receivers: [String]
    /// Keep trying the following routes after this one matched (`continue:` in YAML).
    package var continueMatching: Bool

    package init(matchers: [Matcher] = [], receivers: [String], continueMatching: Bool = false) {
        self.matchers = matchers
        self.receivers = receivers
        self.continueMatching = continueMatching
    }

    /// Whether this route takes the alert.
    package func matches(_ subject: some MatchSubject) -> Bool {
        matchers.allMatch(subject)
    }
}
