import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

/// SQS (awsJson 1.0), SNS and STS (query protocol) against moto with signatures checked.
@Suite struct QueueAndTopicTests {
    @Test func sqsSendReceiveExtendDelete() async throws {
        let moto = try await MotoServer.shared()
        let sqs = SQSClient(client: moto.client())
        let queue = try await sqs.createQueue(name: "klaxon-\(UUID().uuidString.prefix(8))", attributes: ["VisibilityTimeout": "30"])
        let sent = try await sqs.sendMessage(queueURL: queue, body: #"{"alert":"disk full"}"#)
        let received = try await sqs.receiveMessages(queueURL: queue, maxMessages: 10, waitSeconds: 1)
        #expect(received.count == 1)
        let message = try #require(received.first)
        #expect(message.messageID == sent)
        #expect(message.body == #"{"alert":"disk full"}"#)
        #expect(message.attributes?["ApproximateReceiveCount"] == "1")

        try await sqs.changeMessageVisibility(queueURL: queue, receiptHandle: message.receiptHandle, timeoutSeconds: 0)
        let again = try await sqs.receiveMessages(queueURL: queue, waitSeconds: 1)
        #expect(again.map(\.messageID) == [sent])
        #expect(again.first?.attributes?["ApproximateReceiveCount"] == "2")

        try await sqs.deleteMessage(queueURL: queue, receiptHandle: try #require(again.first).receiptHandle)
        let attributes = try await sqs.getQueueAttributes(queueURL: queue)
        #expect(attributes["ApproximateNumberOfMessages"] == "0")
        #expect(attributes["ApproximateNumberOfMessagesNotVisible"] == "0")
        #expect(attributes["VisibilityTimeout"] == "30")
    }

    @Test func sqsMissingQueueIsATypedError() async throws {
        let moto = try await MotoServer.shared()
        let error = await #expect(throws: AWSError.self) {
            try await SQSClient(client: moto.client()).getQueueURL(name: "missing-\(UUID().uuidString.prefix(8))")
        }
        #expect(error?.code == "QueueDoesNotExist" || error?.code == "NonExistentQueue")
    }

    @Test func snsPublishesToAQueueSubscription() async throws {
        let moto = try await MotoServer.shared()
        let sns = SNSClient(client: moto.client())
        let sqs = SQSClient(client: moto.client())
        let suffix = UUID().uuidString.prefix(8)
        let topic = try await sns.createTopic(name: "alerts-\(suffix)")
        let queue = try await sqs.createQueue(name: "fanout-\(suffix)")
        let queueARN = try #require(try await sqs.getQueueAttributes(queueURL: queue, names: ["QueueArn"])["QueueArn"])
        try await sns.subscribe(topicARN: topic, protocol: "sqs", endpoint: queueARN)
        let id = try await sns.publish(topicARN: topic, message: "CPU high on db-1", subject: "ALARM: cpu", attributes: ["severity": "critical"])
        let messages = try await sqs.receiveMessages(queueURL: queue, waitSeconds: 1)
        let envelope = try #require(messages.first.flatMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] })
        #expect(envelope["MessageId"] as? String == id)
        #expect(envelope["Message"] as? String == "CPU high on db-1")
        #expect(envelope["Subject"] as? String == "ALARM: cpu")
        #expect(envelope["TopicArn"] as? String == topic)
    }

    @Test func snsConfirmSubscriptionRejectsABadToken() async throws {
        // moto confirms any token for a topic that exists; a missing topic is NotFound. Both are
        // what the call can show without a real HTTP subscriber (the other half of issue 5 has one).
        let moto = try await MotoServer.shared()
        let sns = SNSClient(client: moto.client())
        let topic = try await sns.createTopic(name: "confirm-\(UUID().uuidString.prefix(8))")
        let arn = try await sns.confirmSubscription(topicARN: topic, token: String(repeating: "a", count: 64))
        #expect(arn.hasPrefix(topic))
        let error = await #expect(throws: AWSError.self) {
            try await sns.confirmSubscription(topicARN: topic + "-missing", token: String(repeating: "a", count: 64))
        }
        #expect(error?.code == "NotFound")
    }

    @Test func stsSaysWhoWeAre() async throws {
        let moto = try await MotoServer.shared()
        let identity = try await STSClient(client: moto.client()).getCallerIdentity()
        #expect(identity.account == "123456789012")
        #expect(identity.arn == "arn:aws:iam::123456789012:user/klaxon-tests")
    }
}
