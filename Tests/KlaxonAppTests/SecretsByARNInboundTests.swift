import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonAWS
import KlaxonChatOps
import KlaxonCore
import KlaxonNotifiers
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import NIOCore
import Testing

/// Inbound checks whose secret is given by ARN (moto, signatures checked): the Slack signing
/// secret and a GitHub receiver's webhook secret are fetched when a request is checked; when they
/// cannot be fetched the answer is 503 (retry), not 401.
@Suite("Secrets by ARN for inbound checks, against moto")
struct SecretsByARNInboundTests {
    static func server(_ yaml: String, moto: MotoServer) throws -> KlaxonServer {
        var config = try ConfigLoader.load(yaml: yaml, environment: [:], readFile: { _ in "" })
        config.server.auth.tokens = [Secret("t")]
        return KlaxonServer(config: config, storage: InMemoryStorage(), logger: Logger(label: "test"), aws: AWSEdge(client: moto.client(), http: .shared))
    }

    static func slackYAML(_ arn: String) -> String {
        "aws:\n  region: us-east-1\nchatops:\n  slack:\n    signing_secret: \"\(arn)\"\nreceivers:\n  - name: console\n    console: {}\nroutes:\n  - receivers: [console]\n"
    }

    static func slackHeaders(_ body: String, secret: String) -> HTTPFields {
        let timestamp = String(Int64(Date().timeIntervalSince1970))
        return [
            HTTPField.Name("X-Slack-Signature")!: SlackVerifier(signingSecret: secret).signature(timestamp: timestamp, body: Data(body.utf8)),
            HTTPField.Name("X-Slack-Request-Timestamp")!: timestamp,
            .contentType: "application/x-www-form-urlencoded",
        ]
    }

    @Test("a Slack command signed with the signing secret held in SSM is accepted; another key is refused")
    func slackSigningSecret() async throws {
        let moto = try await MotoServer.shared()
        let name = "/klaxon/slack-signing-\(UUID().uuidString.prefix(8))"
        try await SSMClient(client: moto.client()).putParameter(name: name, value: "slack-signing-from-ssm", type: "SecureString")
        let server = try Self.server(Self.slackYAML("arn:aws:ssm:us-east-1:123456789012:parameter\(name)"), moto: moto)
        let body = SlackRouteTests.form("unmute", responseURL: "x")
        try await Application(router: server.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/slack/commands", method: .post, headers: Self.slackHeaders(body, secret: "slack-signing-from-ssm"),
                                     body: ByteBuffer(string: body)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/slack/commands", method: .post, headers: Self.slackHeaders(body, secret: "another-key"),
                                     body: ByteBuffer(string: body)) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("a Slack signing secret that cannot be fetched answers 503")
    func slackSigningSecretUnavailable() async throws {
        let moto = try await MotoServer.shared()
        let server = try Self.server(Self.slackYAML("arn:aws:ssm:us-east-1:123456789012:parameter/klaxon/absent-\(UUID().uuidString.prefix(8))"), moto: moto)
        let body = SlackRouteTests.form("unmute", responseURL: "x")
        try await Application(router: server.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/slack/commands", method: .post, headers: Self.slackHeaders(body, secret: "any"),
                                     body: ByteBuffer(string: body)) { #expect($0.status == .serviceUnavailable) }
        }
    }

    static func gitHubYAML(_ arn: String) -> String {
        """
        aws:
          region: us-east-1
        receivers:
          - name: issues
            github:
              api_url: http://127.0.0.1:9
              repo: klaxon-test/alerts
              token: github_pat_ROUTETEST
              webhook_secret: "\(arn)"
        routes:
          - receivers: [issues]
        """
    }

    @Test("GitHub's documented signature vector verifies with the webhook secret held in Secrets Manager; a missing secret answers 503")
    func gitHubWebhookSecret() async throws {
        let moto = try await MotoServer.shared()
        let vector = try #require(try JSONSerialization.jsonObject(with: try Fixture.data("github-docs-webhook-signature-test-vector.json")) as? [String: String])
        let payload = try #require(vector["payload"]), signature = try #require(vector["X-Hub-Signature-256"])
        let arn = try await SecretsManagerClient(client: moto.client())
            .createSecret(name: "klaxon/github-hook-\(UUID().uuidString.prefix(8))", secretString: try #require(vector["secret"]))
        let headers: HTTPFields = [HTTPField.Name("X-GitHub-Event")!: "ping", HTTPField.Name("X-Hub-Signature-256")!: signature, .contentType: "application/json"]
        let server = try Self.server(Self.gitHubYAML(arn), moto: moto)
        try await Application(router: server.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/webhooks/github", method: .post, headers: headers, body: ByteBuffer(string: payload)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/webhooks/github", method: .post, headers: headers, body: ByteBuffer(string: payload + " ")) { #expect($0.status == .unauthorized) }
        }
        let absent = try Self.server(Self.gitHubYAML(arn + "x"), moto: moto)
        try await Application(router: absent.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/webhooks/github", method: .post, headers: headers, body: ByteBuffer(string: payload)) { #expect($0.status == .serviceUnavailable) }
        }
    }
}
