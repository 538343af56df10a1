import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonAWS
import KlaxonCore
import KlaxonNotifiers
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import NIOCore
import Testing

/// The `sns` receiver publishing to a moto topic, read back through an SQS subscription.
@Suite("SNS receiver against moto")
struct SNSReceiverTests {
    @Test("An alert is published with the documented subject, message and attributes")
    func publishes() async throws {
        let moto = try await MotoServer.shared()
        let sns = SNSClient(client: moto.client())
        let sqs = SQSClient(client: moto.client())
        let suffix = UUID().uuidString.prefix(8)
        let topic = try await sns.createTopic(name: "pager-\(suffix)")
        let queue = try await sqs.createQueue(name: "pager-\(suffix)")
        let queueARN = try #require(try await sqs.getQueueAttributes(queueURL: queue, names: ["QueueArn"])["QueueArn"])
        try await sns.subscribe(topicARN: topic, protocol: "sqs", endpoint: queueARN)

        let yaml = "receivers:\n  - name: pager\n    sns: {topic_arn: \"\(topic)\"}\nroutes:\n  - receivers: [pager]\n"
        var config = try ConfigLoader.load(yaml: yaml, environment: [:], readFile: { _ in "" })
        config.server.auth.tokens = [Secret("t")]
        let storage = InMemoryStorage()
        let server = KlaxonServer(config: config, storage: storage, logger: Logger(label: "test"), aws: AWSEdge(client: moto.client(), http: .shared))
        let app = Application(router: server.makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: [.authorization: "Bearer t"], body: ByteBuffer(data: try Fixture.data("cloudwatch-alarm.json"))) { response in
                #expect(response.status == .accepted)
            }
        }
        while try await server.processor.processPass().payloads > 0 {}
        #expect(try await server.dispatcher.dispatchPass().sent == 1)
        let delivery = try #require(try await storage.allRecords(limit: 1).first)
        let messages = try await sqs.receiveMessages(queueURL: queue, maxMessages: 10, waitSeconds: 2)
        #expect(messages.count == 1)
        let first = try #require(messages.first)
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any])
        let expected = SNSPublication(topicARN: topic, delivery: Delivery(
            receiver: "pager", fingerprint: delivery.fingerprint, occurrence: 1, action: .create, sequence: 1, alert: delivery.alert, createdAt: Date()))
        #expect(envelope["Subject"] as? String == expected.subject)
        #expect(envelope["Message"] as? String == expected.message)
        let attributes = envelope["MessageAttributes"] as? [String: [String: String]]
        #expect(attributes?["klaxon_action"]?["Value"] == "CREATE")
        #expect(attributes?["klaxon_fingerprint"]?["Value"] == delivery.fingerprint)
    }

    @Test("A topic that does not exist is a permanent failure; no answer is retryable")
    func outcomes() async throws {
        let moto = try await MotoServer.shared()
        let alert = AlertSamples.alert()
        let delivery = Delivery(receiver: "pager", fingerprint: "f", occurrence: 1, action: .create, sequence: 1, alert: alert, createdAt: Date())
        let missing = SNSNotifier(name: "pager", topicARN: "arn:aws:sns:us-east-1:123456789012:missing-\(UUID().uuidString.prefix(6))", publish: SNSPublisher.publish(with: SNSClient(client: moto.client())))
        let outcome = await missing.send(delivery)
        guard case .permanent(let reason) = outcome else { Issue.record("expected permanent, got \(outcome)"); return }
        #expect(reason.hasPrefix("sns_"))
        let port = try freeLoopbackPort()
        let nowhere = AWSClient(settings: AWSSettings(region: "us-east-1", environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)"]),
                                credentials: StaticCredentialProvider(moto.credentials), httpClient: .shared, retry: .none)
        let unreachable = SNSNotifier(name: "pager", topicARN: "arn:aws:sns:us-east-1:123456789012:x", publish: SNSPublisher.publish(with: SNSClient(client: nowhere)))
        guard case .retryable = await unreachable.send(delivery) else { Issue.record("expected retryable"); return }
    }
}
