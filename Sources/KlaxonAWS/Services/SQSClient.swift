/// The SQS calls Klaxon makes (intake from a queue the alerts topic feeds), over awsJson 1.0.
///
/// API: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/
package struct SQSClient: Sendable {
    /// A received message.
    package struct Message: Sendable, Equatable, Decodable {
        package var messageID: String
        package var receiptHandle: String
        package var body: String
        package var md5OfBody: String?
        /// System attributes (`ApproximateReceiveCount`, `SentTimestamp`, …) when asked for.
        package var attributes: [String: String]?

        enum CodingKeys: String, CodingKey {
            case messageID = "MessageId", receiptHandle = "ReceiptHandle", body = "Body", md5OfBody = "MD5OfBody", attributes = "Attributes"
        }
    }

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// Creates a queue (or returns the existing one's URL).
    package func createQueue(name: String, attributes: [String: String] = [:]) async throws -> String {
        struct Input: Encodable { var QueueName: String; var Attributes: [String: String]? }
        struct Output: Decodable { var QueueUrl: String }
        return try await client.json(.sqs, "CreateQueue", Input(QueueName: name, Attributes: attributes.isEmpty ? nil : attributes), as: Output.self).QueueUrl
    }

    package func getQueueURL(name: String) async throws -> String {
        struct Input: Encodable { var QueueName: String }
        struct Output: Decodable { var QueueUrl: String }
        return try await client.json(.sqs, "GetQueueUrl", Input(QueueName: name), as: Output.self).QueueUrl
    }

    /// Sends a message and returns its id.
    @discardableResult
    package func sendMessage(queueURL: String, body: String, delaySeconds: Int? = nil) async throws -> String {
        struct Input: Encodable { var QueueUrl: String; var MessageBody: String; var DelaySeconds: Int? }
        struct Output: Decodable { var MessageId: String }
        return try await client.json(.sqs, "SendMessage", Input(QueueUrl: queueURL, MessageBody: body, DelaySeconds: delaySeconds), as: Output.self).MessageId
    }

    /// Long-polls for up to `maxMessages` (1–10) for up to `waitSeconds` (0–20).
    package func receiveMessages(queueURL: String, maxMessages: Int = 10, waitSeconds: Int = 20, visibilityTimeout: Int? = nil) async throws -> [Message] {
        struct Input: Encodable {
            var QueueUrl: String; var MaxNumberOfMessages: Int; var WaitTimeSeconds: Int; var VisibilityTimeout: Int?
            var MessageSystemAttributeNames: [String]
        }
        struct Output: Decodable { var Messages: [Message]? }
        let input = Input(
            QueueUrl: queueURL, MaxNumberOfMessages: min(max(maxMessages, 1), 10), WaitTimeSeconds: min(max(waitSeconds, 0), 20),
            VisibilityTimeout: visibilityTimeout, MessageSystemAttributeNames: ["All"]
        )
        return try await client.json(.sqs, "ReceiveMessage", input, as: Output.self).Messages ?? []
    }

    package func deleteMessage(queueURL: String, receiptHandle: String) async throws {
        struct Input: Encodable { var QueueUrl: String; var ReceiptHandle: String }
        _ = try await client.json(.sqs, "DeleteMessage", Input(QueueUrl: queueURL, ReceiptHandle: receiptHandle), as: AWSEmpty.self)
    }

    /// Hides a received message for `timeoutSeconds` more (0 makes it visible again now).
    package func changeMessageVisibility(queueURL: String, receiptHandle: String, timeoutSeconds: Int) async throws {
        struct Input: Encodable { var QueueUrl: String; var ReceiptHandle: String; var VisibilityTimeout: Int }
        _ = try await client.json(.sqs, "ChangeMessageVisibility", Input(QueueUrl: queueURL, ReceiptHandle: receiptHandle, VisibilityTimeout: timeoutSeconds), as: AWSEmpty.self)
    }

    /// Queue attributes by name (`["All"]` for every one).
    package func getQueueAttributes(queueURL: String, names: [String] = ["All"]) async throws -> [String: String] {
        struct Input: Encodable { var QueueUrl: String; var AttributeNames: [String] }
        struct Output: Decodable { var Attributes: [String: String]? }
        return try await client.json(.sqs, "GetQueueAttributes", Input(QueueUrl: queueURL, AttributeNames: names), as: Output.self).Attributes ?? [:]
    }
}
