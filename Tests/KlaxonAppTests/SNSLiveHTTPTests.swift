import AsyncHTTPClient
import Foundation
import KlaxonApp
import KlaxonCore
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import Testing
import Hummingbird
import HummingbirdTesting
import NIOCore

/// The real outbound path: certificate and SubscribeURL fetched over HTTP from a local stand-in
/// that `signing_cert_hosts` names, with the production ``AWSEdge``.
@Suite("SNS endpoint over real HTTP")
struct SNSLiveHTTPTests {
    @Test("Certificate fetched from the configured test host; SubscribeURL visited there")
    func configuredTestHost() async throws {
        let signer = try SNSTestSigner()
        let peer = StaticGETServer(routes: ["/SimpleNotificationService-local.pem": Data(signer.certificatePEM.utf8), "/confirm": Data("<ConfirmSubscriptionResponse/>".utf8)])
        try await peer.start()
        defer { peer.stop() }
        let yaml = SNSRouteTests.Harness.yaml(extra: "    signing_cert_hosts: [\"http://127.0.0.1:\(peer.port)\"]")
        let config = try ConfigLoader.load(yaml: yaml, environment: [:], readFile: { _ in "" })
        let storage = InMemoryStorage()
        let server = KlaxonServer(config: config, storage: storage, logger: Logger(label: "test"), consoleWrite: { _ in })
        let certURL = "\(peer.url)/SimpleNotificationService-local.pem"
        let app = Application(router: server.makeRouter())
        try await app.test(.router) { client in
            let note = try signer.signedBody(SNSRouteTests.notification(message: try SNSRouteTests.alarmMessage()), certURL: certURL)
            try await client.execute(uri: "/webhooks/sns", method: .post, body: ByteBuffer(data: note)) { response in
                #expect(response.status == .ok)
            }
            let confirm = try signer.signedBody(
                SNSRouteTests.confirmation("SubscriptionConfirmation", subscribeURL: "\(peer.url)/confirm?Action=ConfirmSubscription&Token=abc"), certURL: certURL)
            try await client.execute(uri: "/webhooks/sns", method: .post, body: ByteBuffer(data: confirm)) { response in
                #expect(response.status == .ok)
            }
            // An AWS-looking certificate URL is still refused over plain http.
            let plain = try signer.signedBody(SNSRouteTests.notification(message: "{}"), certURL: "http://sns.us-east-1.amazonaws.com/x.pem")
            try await client.execute(uri: "/webhooks/sns", method: .post, body: ByteBuffer(data: plain)) { response in
                #expect(response.status == .unauthorized)
            }
        }
        #expect(peer.requests == ["/SimpleNotificationService-local.pem", "/confirm?Action=ConfirmSubscription&Token=abc"])
        #expect(try await storage.inboxDepth() == 1)
        #expect(try await storage.recentAudit(limit: 5).map(\.step) == ["sns_subscription_confirmed"])
    }
}
