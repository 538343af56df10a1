import KlaxonCore

/// `sources.sns`: the SNS HTTP(S) subscription endpoint `POST /webhooks/sns`.
package struct SNSSourceConfig: Sendable, Equatable {
    /// Topic ARNs whose messages are accepted; every other topic is refused (403) before any
    /// signature work, and only these topics' subscriptions are confirmed.
    package var topics: [String]
    /// Where a signing certificate may be fetched from and where a SubscribeURL may point.
    /// Default: SNS's own hosts, https only (``HostPattern/snsDefaults``).
    package var signingCertHosts: [HostPattern]

    package init(topics: [String], signingCertHosts: [HostPattern] = HostPattern.snsDefaults) {
        self.topics = topics
        self.signingCertHosts = signingCertHosts
    }
}
