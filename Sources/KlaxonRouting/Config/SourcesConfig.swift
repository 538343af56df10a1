/// The `sources:` section: alert sources Klaxon reaches or is reached by natively, beyond the
/// plain ingest routes.
package struct SourcesConfig: Sendable, Equatable {
    /// `POST /webhooks/sns`; `nil` leaves the route answering 404.
    package var sns: SNSSourceConfig?

    package init(sns: SNSSourceConfig? = nil) {
        self.sns = sns
    }
}
