import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

/// `klaxon serve` as a process, with moto (signatures checked) as AWS: an alarm published to an
/// SNS topic arrives through an HTTP subscription and through an SQS subscription; the mute
/// commands write the SSM parameter.
@Suite("AWS end to end: moto SNS/SQS/SSM and klaxon serve", .serialized)
struct AWSEndToEndTests {
    static func environment(_ moto: MotoServer) -> [String: String] {
        ["AWS_ENDPOINT_URL": moto.endpoint, "AWS_ACCESS_KEY_ID": moto.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey,
         "AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]
    }

    static let tail = "receivers:\n  - name: console\n    console: {format: json}\nroutes:\n  - receivers: [console]\n"

    static func alarm() throws -> (message: String, name: String) {
        let envelope = try JSONSerialization.jsonObject(with: try Fixture.data("cloudwatch-alarm.json")) as? [String: Any]
        let message = try #require(envelope?["Message"] as? String)
        let alarm = try JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any]
        return (message, try #require(alarm?["AlarmName"] as? String))
    }

    @Test("CloudWatch alarm → SNS topic → HTTP subscription → /webhooks/sns (signature verified with moto's certificate) → alert")
    func snsHTTPSubscription() async throws {
        let moto = try await MotoServer.shared()
        let sns = SNSClient(client: moto.client())
        let topic = try await sns.createTopic(name: "e2e-http-\(UUID().uuidString.prefix(8))")
        let directory = try PackagePaths.temporaryDirectory("klaxon-e2e-sns")
        let config = "aws:\n  region: us-east-1\nsources:\n  sns:\n    topics: [\"\(topic)\"]\n" + Self.tail
        let klaxon = try await LiveKlaxon(directory: directory, config: config, environment: Self.environment(moto))
        defer { klaxon.stop() }
        try await sns.subscribe(topicARN: topic, protocol: "http", endpoint: "\(klaxon.baseURL)/webhooks/sns")
        let (message, name) = try Self.alarm()
        // No Subject: moto signs as if there were none (see docs/aws-sources.md).
        try await sns.publish(topicARN: topic, message: message)
        let processed = await eventually(timeout: 30) { (try? klaxon.alerts().count) == 1 }
        #expect(processed, "klaxon output:\n\(klaxon.process.output)")
        #expect(try klaxon.alerts().first?.title == name)
        #expect(try klaxon.alerts().first?.source == "cloudwatch")
    }

    @Test("CloudWatch alarm → SNS topic → SQS subscription → klaxon serve's SQS intake → alert; the queue is emptied")
    func sqsSubscription() async throws {
        let moto = try await MotoServer.shared()
        let sns = SNSClient(client: moto.client())
        let sqs = SQSClient(client: moto.client())
        let suffix = UUID().uuidString.prefix(8)
        let topic = try await sns.createTopic(name: "e2e-sqs-\(suffix)")
        let queue = try await sqs.createQueue(name: "e2e-sqs-\(suffix)")
        let queueARN = try #require(try await sqs.getQueueAttributes(queueURL: queue, names: ["QueueArn"])["QueueArn"])
        try await sns.subscribe(topicARN: topic, protocol: "sqs", endpoint: queueARN)
        let directory = try PackagePaths.temporaryDirectory("klaxon-e2e-sqs")
        let config = "aws:\n  region: us-east-1\nsources:\n  sqs:\n    queue_url: \"\(queue)\"\n    wait_seconds: 1\n" + Self.tail
        let klaxon = try await LiveKlaxon(directory: directory, config: config, environment: Self.environment(moto))
        defer { klaxon.stop() }
        let (message, name) = try Self.alarm()
        try await sns.publish(topicARN: topic, message: message, subject: "ALARM: \"\(name)\" in US East (N. Virginia)")
        let processed = await eventually(timeout: 30) { (try? klaxon.alerts().count) == 1 }
        #expect(processed, "klaxon output:\n\(klaxon.process.output)")
        #expect(try klaxon.alerts().first?.title == name)
        let drained = try await eventually(timeout: 10) {
            let attributes = try await sqs.getQueueAttributes(queueURL: queue, names: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])
            return attributes["ApproximateNumberOfMessages"] == "0" && attributes["ApproximateNumberOfMessagesNotVisible"] == "0"
        }
        #expect(drained)
    }

    @Test("klaxon mute / status / unmute use the SSM parameter (the ops bot's name, by config)")
    func muteCommandsUseSSM() async throws {
        let moto = try await MotoServer.shared()
        let name = "/encache/alerts/dlq_muted_until"
        let directory = try PackagePaths.temporaryDirectory("klaxon-e2e-ssm")
        let config = "aws:\n  region: us-east-1\nmute:\n  ssm_parameter: \(name)\n" + Self.tail
        let klaxon = try await LiveKlaxon(directory: directory, config: config, environment: Self.environment(moto))
        defer { klaxon.stop() }
        let ssm = SSMClient(client: moto.client())
        _ = try klaxon.cli(["mute", "2h"])
        let value = try #require(Int64(try await ssm.getParameter(name: name).value))
        #expect(abs(value - Int64(Date().timeIntervalSince1970) - 7200) < 120)
        #expect(try klaxon.status().muted_until == value)
        _ = try klaxon.cli(["unmute"])
        #expect(try await ssm.getParameter(name: name).value == "0")
        #expect(try klaxon.status().muted_until == 0)
    }
}
