/// `sources.sqs`: a queue `klaxon serve` consumes (the alerts topic's SQS subscription).
package struct SQSSourceConfig: Sendable, Equatable {
    /// `https://sqs.us-east-1.amazonaws.com/123456789012/alerts`.
    package var queueURL: String
    /// The decoder hint stored with each message (a `PayloadKind` raw value); `auto` detects
    /// raw CloudWatch alarms, SNS envelopes and the other supported shapes.
    package var kind: String
    /// Messages per ReceiveMessage (1–10).
    package var maxMessages: Int
    /// Long-poll wait (0–20 s).
    package var waitSeconds: Int
    /// How long a received batch stays hidden; extended while the batch is still being stored.
    package var visibilityTimeoutSeconds: Int

    package init(queueURL: String, kind: String = "auto", maxMessages: Int = 10, waitSeconds: Int = 20, visibilityTimeoutSeconds: Int = 60) {
        self.queueURL = queueURL
        self.kind = kind
        self.maxMessages = maxMessages
        self.waitSeconds = waitSeconds
        self.visibilityTimeoutSeconds = visibilityTimeoutSeconds
    }
}
