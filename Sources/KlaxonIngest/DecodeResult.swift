import KlaxonCore

/// What one body decoded to.
package struct DecodeResult: Sendable {
    package var alerts: [AlertEvent]
    /// Alerts deliberately not produced, each with the reason (for example a CloudWatch
    /// INSUFFICIENT_DATA transition under the default `ignore` option).
    package var ignored: [IgnoredAlert]
    /// The kind actually decoded (after detection and envelope unwrapping).
    package var kind: PayloadKind

    package init(alerts: [AlertEvent] = [], ignored: [IgnoredAlert] = [], kind: PayloadKind) {
        self.alerts = alerts
        self.ignored = ignored
        self.kind = kind
    }
}

/// An alert a decoder recognised but chose not to produce, and why.
package struct IgnoredAlert: Sendable, Hashable {
    package var title: String
    package var reason: String

    package init(title: String, reason: String) {
        self.title = title
        self.reason = reason
    }
}
