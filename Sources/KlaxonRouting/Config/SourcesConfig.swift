/// The `sources:` section: alert sources Klaxon reaches or is reached by natively, beyond the
/// plain ingest routes.
package struct SourcesConfig: Sendable, Equatable {
    /// `POST /webhooks/sns`; `nil` leaves the route answering 404.
    package var sns: SNSSourceConfig?
    /// A queue `klaxon serve` long-polls into the inbox; `nil` runs no SQS intake.
    package var sqs: SQSSourceConfig?

    package init(sns: SNSSourceConfig? = nil, sqs: SQSSourceConfig? = nil) {
        self.sns = sns
        self.sqs = sqs
    }
}
