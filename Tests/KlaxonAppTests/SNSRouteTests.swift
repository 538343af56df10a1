import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonCore
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import NIOCore
import NIOFoundationCompat
import Synchronization
import Testing

/// `POST /webhooks/sns` through the router, with an in-memory store: signatures made by a test
/// key whose certificate the injected fetch serves, and AWS's own recorded notifications.
@Suite("SNS subscription endpoint")
struct SNSRouteTests {
    static let topic = "arn:aws:sns:us-east-1:123456789012:alerts"
    static let certURL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem"

    /// A server whose outbound SNS calls are recorded instead of made.
    struct Harness {
        let server: KlaxonServer
        let storage: InMemoryStorage
        let clock: ManualClock
        let lines: LineSink
        let calls: Calls

        init(
            yaml: String = Harness.yaml(), at now: Date = Date(), certificate: @escaping @Sendable (URL) throws -> Data,
            confirmStatus: Int = 200
        ) throws {
            let config = try ConfigLoader.load(yaml: yaml, environment: [:], readFile: { _ in "" })
            storage = InMemoryStorage()
            clock = ManualClock(now)
            let lines = LineSink()
            self.lines = lines
            let calls = Calls()
            self.calls = calls
            let edge = AWSEdge(
                certificateFetch: { url in calls.record(fetch: url); return try certificate(url) },
                confirmSubscription: { url in calls.record(confirm: url); return confirmStatus })
            server = KlaxonServer(config: config, storage: storage, clock: clock, logger: Logger(label: "test"), consoleWrite: { lines.append($0) }, aws: edge)
        }

        static func yaml(topics: [String] = [SNSRouteTests.topic], extra: String = "") -> String {
            """
            receivers:
              - name: console
                console: {format: text}
            routes:
              - receivers: [console]
            sources:
              sns:
                topics: [\(topics.map { "\"\($0)\"" }.joined(separator: ", "))]
            \(extra)
            """
        }

        func post(_ body: Data, _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
            let app = Application(router: server.makeRouter())
            try await app.test(.router) { client in
                try await client.execute(uri: "/webhooks/sns", method: .post, headers: [.contentType: "text/plain; charset=UTF-8"], body: ByteBuffer(data: body)) { response in
                    try check(response)
                }
            }
        }

        func drain() async throws {
            while try await server.processor.processPass().payloads > 0 {}
            while try await server.dispatcher.dispatchPass().sent > 0 {}
        }
    }

    final class Calls: Sendable {
        private let state = Mutex<(fetches: [URL], confirms: [URL])>(([], []))
        func record(fetch url: URL) { state.withLock { $0.fetches.append(url) } }
        func record(confirm url: URL) { state.withLock { $0.confirms.append(url) } }
        var fetches: [URL] { state.withLock { $0.fetches } }
        var confirms: [URL] { state.withLock { $0.confirms } }
    }

    static func serving(_ signer: SNSTestSigner) -> @Sendable (URL) throws -> Data {
        { url in
            guard url.absoluteString == certURL else { throw URLError(.fileDoesNotExist) }
            return Data(signer.certificatePEM.utf8)
        }
    }

    /// The CloudWatch alarm JSON that the shared fixture's SNS envelope carries.
    static func alarmMessage() throws -> String {
        let envelope = try JSONSerialization.jsonObject(with: try Fixture.data("cloudwatch-alarm.json")) as? [String: Any]
        return try #require(envelope?["Message"] as? String)
    }

    static func notification(topic: String = SNSRouteTests.topic, message: String) -> [String: String] {
        ["Type": "Notification", "MessageId": UUID().uuidString.lowercased(), "TopicArn": topic, "Subject": "ALARM: \"test\" in US East (N. Virginia)",
         "Message": message, "Timestamp": "2026-12-01T12:00:00.000Z"]
    }

    static func confirmation(_ type: String, subscribeURL: String) -> [String: String] {
        ["Type": type, "MessageId": "c-1", "TopicArn": topic, "Token": "secret-token-value", "Message": "You have chosen to subscribe.",
         "SubscribeURL": subscribeURL, "Timestamp": "2026-12-01T12:00:00.000Z"]
    }

    @Test("A signed CloudWatch notification is stored before 200 and becomes an alert", arguments: [1, 2])
    func signedNotificationProcessed(version: Int) async throws {
        let signer = try SNSTestSigner()
        let harness = try Harness(certificate: Self.serving(signer))
        let body = try signer.signedBody(Self.notification(message: try Self.alarmMessage()), version: version, certURL: Self.certURL)
        try await harness.post(body) { response in
            #expect(response.status == .ok)
        }
        #expect(try await harness.storage.inboxDepth() == 1)
        try await harness.drain()
        let records = try await harness.storage.allRecords(limit: 10)
        #expect(records.count == 1)
        #expect(records.first?.alert.source == "cloudwatch")
        #expect(harness.lines.lines.count == 1)
        #expect(harness.calls.fetches.map(\.absoluteString) == [Self.certURL])
    }

    @Test("A bad signature is 401 and nothing is stored")
    func badSignature() async throws {
        let signer = try SNSTestSigner()
        let harness = try Harness(certificate: Self.serving(signer))
        var fields = try JSONSerialization.jsonObject(with: try signer.signedBody(Self.notification(message: try Self.alarmMessage()), certURL: Self.certURL)) as! [String: String]
        fields["Message"] = fields["Message"]!.replacingOccurrences(of: "ALARM", with: "OK")
        try await harness.post(try JSONSerialization.data(withJSONObject: fields)) { response in
            #expect(response.status == .unauthorized)
            #expect(String(buffer: response.body).contains("does not verify"))
        }
        #expect(try await harness.storage.inboxDepth() == 0)
    }

    @Test("Another key's signature is 401")
    func impostor() async throws {
        let harness = try Harness(certificate: Self.serving(try SNSTestSigner()))
        let body = try SNSTestSigner().signedBody(Self.notification(message: "{}"), certURL: Self.certURL)
        try await harness.post(body) { response in #expect(response.status == .unauthorized) }
        #expect(try await harness.storage.inboxDepth() == 0)
    }

    @Test("A topic not in sources.sns.topics is 403 before any certificate fetch")
    func unlistedTopic() async throws {
        let signer = try SNSTestSigner()
        let harness = try Harness(certificate: Self.serving(signer))
        let body = try signer.signedBody(Self.notification(topic: "arn:aws:sns:us-east-1:123456789012:other", message: "{}"), certURL: Self.certURL)
        try await harness.post(body) { response in #expect(response.status == .forbidden) }
        #expect(harness.calls.fetches.isEmpty)
        #expect(try await harness.storage.inboxDepth() == 0)
    }

    @Test("A certificate URL off SNS's hosts is 401 and never fetched")
    func foreignCertificateHost() async throws {
        let signer = try SNSTestSigner()
        let harness = try Harness(certificate: Self.serving(signer))
        let body = try signer.signedBody(Self.notification(message: "{}"), certURL: "https://attacker.example/SimpleNotificationService-test.pem")
        try await harness.post(body) { response in
            #expect(response.status == .unauthorized)
            #expect(String(buffer: response.body).contains("not an allowed SNS host"))
        }
        #expect(harness.calls.fetches.isEmpty)
    }

    @Test("A certificate that cannot be fetched is 503, so SNS retries")
    func certificateUnavailable() async throws {
        let signer = try SNSTestSigner()
        let harness = try Harness(certificate: { _ in throw URLError(.timedOut) })
        try await harness.post(try signer.signedBody(Self.notification(message: "{}"), certURL: Self.certURL)) { response in
            #expect(response.status == .serviceUnavailable)
        }
        #expect(try await harness.storage.inboxDepth() == 0)
    }

    @Test("Bodies that are not SNS messages are 400", arguments: ["", "{}", "[]", #"{"Type":"Notification"}"#, "not json"])
    func notSNS(body: String) async throws {
        let harness = try Harness(certificate: { _ in Data() })
        try await harness.post(Data(body.utf8)) { response in #expect(response.status == .badRequest) }
        #expect(try await harness.storage.inboxDepth() == 0)
    }

    @Test("A SubscriptionConfirmation is confirmed through its SubscribeURL and audited, without the token")
    func subscriptionConfirmed() async throws {
        let signer = try SNSTestSigner()
        let harness = try Harness(certificate: Self.serving(signer))
        let subscribeURL = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=\(Self.topic)&Token=secret-token-value"
        try await harness.post(try signer.signedBody(Self.confirmation("SubscriptionConfirmation", subscribeURL: subscribeURL), certURL: Self.certURL)) { response in
            #expect(response.status == .ok)
        }
        #expect(harness.calls.confirms.map(\.absoluteString) == [subscribeURL])
        let audit = try await harness.storage.recentAudit(limit: 10)
        #expect(audit.map(\.step) == ["sns_subscription_confirmed"])
        #expect(audit.first?.detail["topic_arn"] == Self.topic)
        #expect(!"\(audit)".contains("secret-token-value"))
        #expect(try await harness.storage.inboxDepth() == 0)
    }

    @Test("A SubscribeURL off SNS's hosts is not visited", arguments: [
        "https://attacker.example/?Action=ConfirmSubscription&Token=x", "http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription",
    ])
    func foreignSubscribeURL(url: String) async throws {
        let signer = try SNSTestSigner()
        let harness = try Harness(certificate: Self.serving(signer))
        try await harness.post(try signer.signedBody(Self.confirmation("SubscriptionConfirmation", subscribeURL: url), certURL: Self.certURL)) { response in
            #expect(response.status == .forbidden)
        }
        #expect(harness.calls.confirms.isEmpty)
        #expect(try await harness.storage.recentAudit(limit: 10).isEmpty)
    }

    @Test("A confirmation SNS refuses is 502 and not audited as confirmed")
    func confirmationRefused() async throws {
        let signer = try SNSTestSigner()
        let harness = try Harness(certificate: Self.serving(signer), confirmStatus: 403)
        let subscribeURL = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t"
        try await harness.post(try signer.signedBody(Self.confirmation("SubscriptionConfirmation", subscribeURL: subscribeURL), certURL: Self.certURL)) { response in
            #expect(response.status == .badGateway)
        }
        #expect(try await harness.storage.recentAudit(limit: 10).isEmpty)
    }

    @Test("An UnsubscribeConfirmation is recorded and not acted on")
    func unsubscribeRecorded() async throws {
        let signer = try SNSTestSigner()
        let harness = try Harness(certificate: Self.serving(signer))
        let url = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t"
        try await harness.post(try signer.signedBody(Self.confirmation("UnsubscribeConfirmation", subscribeURL: url), certURL: Self.certURL)) { response in
            #expect(response.status == .ok)
        }
        #expect(harness.calls.confirms.isEmpty)
        #expect(try await harness.storage.recentAudit(limit: 10).map(\.step) == ["sns_unsubscribe_confirmed"])
    }

    @Test("Without sources.sns the route is 404")
    func notConfigured() async throws {
        let yaml = "receivers:\n  - name: console\n    console: {}\nroutes:\n  - receivers: [console]\n"
        let harness = try Harness(yaml: yaml, certificate: { _ in Data() })
        try await harness.post(Data("{}".utf8)) { response in #expect(response.status == .notFound) }
    }

    @Test("AWS's recorded notification is accepted at the time it was signed, certificate dates checked")
    func recordedAWSNotification() async throws {
        let body = try Fixture.data("aws-sns-signature/php-validator-http-notification-4-sigv2-with-subject.json")
        let topic = "arn:aws:sns:us-east-2:295079676684:publish-and-verify-530b26da-0687-4fe4-9f71-780bad3181e2"
        let certificate = try Fixture.data("aws-sns-signature/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem")
        let harness = try Harness(yaml: Harness.yaml(topics: [topic]), at: Date(timeIntervalSince1970: 1_659_048_829), certificate: { url in
            guard url.host == "sns.us-east-2.amazonaws.com" else { throw URLError(.fileDoesNotExist) }
            return certificate
        })
        try await harness.post(body) { response in #expect(response.status == .ok) }
        #expect(try await harness.storage.inboxDepth() == 1)
    }
}
