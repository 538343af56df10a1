/// The SNS calls Klaxon makes: publishing to a topic (the SNS receiver) and confirming an HTTP
/// subscription. Query protocol.
///
/// API: https://docs.aws.amazon.com/sns/latest/api/
package struct SNSClient: Sendable {
    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// Publishes and returns the message id. `subject` is for email endpoints (≤ 100 chars).
    @discardableResult
    package func publish(topicARN: String, message: String, subject: String? = nil, attributes: [String: String] = [:]) async throws -> String {
        var parameters = [("TopicArn", topicARN), ("Message", message)]
        if let subject { parameters.append(("Subject", subject)) }
        for (index, (name, value)) in attributes.sorted(by: { $0.key < $1.key }).enumerated() {
            let prefix = "MessageAttributes.entry.\(index + 1)"
            parameters += [("\(prefix).Name", name), ("\(prefix).Value.DataType", "String"), ("\(prefix).Value.StringValue", value)]
        }
        let result = try await client.query(.sns, "Publish", parameters)
        return try Self.required(result, "MessageId", "Publish")
    }

    /// Confirms a subscription with the token SNS sent to the endpoint; returns its ARN.
    @discardableResult
    package func confirmSubscription(topicARN: String, token: String) async throws -> String {
        let result = try await client.query(.sns, "ConfirmSubscription", [("TopicArn", topicARN), ("Token", token)])
        return try Self.required(result, "SubscriptionArn", "ConfirmSubscription")
    }

    /// Creates a topic (or returns the existing one's ARN).
    package func createTopic(name: String) async throws -> String {
        try Self.required(try await client.query(.sns, "CreateTopic", [("Name", name)]), "TopicArn", "CreateTopic")
    }

    /// Subscribes an endpoint; returns the subscription ARN (`pending confirmation` for HTTP).
    @discardableResult
    package func subscribe(topicARN: String, protocol scheme: String, endpoint: String, rawMessageDelivery: Bool = false) async throws -> String {
        var parameters = [("TopicArn", topicARN), ("Protocol", scheme), ("Endpoint", endpoint), ("ReturnSubscriptionArn", "true")]
        if rawMessageDelivery {
            parameters += [("Attributes.entry.1.key", "RawMessageDelivery"), ("Attributes.entry.1.value", "true")]
        }
        return try Self.required(try await client.query(.sns, "Subscribe", parameters), "SubscriptionArn", "Subscribe")
    }

    static func required(_ node: XMLNode, _ name: String, _ operation: String) throws -> String {
        guard let value = node.first(name)?.text else {
            throw AWSError(reason: .decoding, message: "the \(operation) answer has no \(name)", service: "sns", operation: operation)
        }
        return value
    }
}
