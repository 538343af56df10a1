/// Envelopes AWS wraps around a message, decoded just far enough to unwrap it.

/// An SNS HTTP(S) delivery body (`Type`, `Message`, …).
/// https://docs.aws.amazon.com/sns/latest/dg/http-notification-json.html
struct SNSEnvelope: Decodable {
    var type: String?
    var message: String?
    var messageId: String?
    var topicArn: String?
    var subject: String?
    var timestamp: String?

    enum CodingKeys: String, CodingKey {
        case type = "Type", message = "Message", messageId = "MessageId", topicArn = "TopicArn"
        case subject = "Subject", timestamp = "Timestamp"
    }
}

/// A Lambda event with `Records[]`: SNS (`Records[].Sns`) or SQS (`Records[].body`).
/// https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html, …/with-sqs.html
struct RecordsEvent: Decodable {
    /// One record; also the shape of a single SQS message handed over on its own.
    struct Record: Decodable {
        struct Attribute: Decodable {
            var stringValue: String?
        }
        var eventSourceSNS: String?
        var eventSourceSQS: String?
        var sns: SNSEnvelope?
        var body: String?
        var messageAttributes: [String: Attribute]?

        enum CodingKeys: String, CodingKey {
            case eventSourceSNS = "EventSource", eventSourceSQS = "eventSource", sns = "Sns", body, messageAttributes
        }

        /// alerting-infra tags SQS messages with a `source` message attribute (`grafana`,
        /// `cloudwatch`, `normalized`); used as the kind when detecting.
        var sourceHint: PayloadKind? {
            guard let value = messageAttributes?["source"]?.stringValue?.lowercased() else { return nil }
            return PayloadKind(rawValue: value).flatMap { $0 == .auto ? nil : $0 }
        }
    }

    var records: [Record]

    enum CodingKeys: String, CodingKey { case records = "Records" }
}
