import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonAWS
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import NIOCore
import Testing

/// Secrets given by ARN in a Klaxon wired to moto (signatures checked): ingest tokens and a
/// webhook's URL and HMAC key fetched at first use; secrets that cannot be fetched make a send
/// retryable and an ingest check a 503, with errors that name the key path, never a value.
@Suite("Secrets by ARN in Klaxon, against moto")
struct SecretsByARNTests {
    static func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8))" }
    static func ssmARN(_ name: String) -> String { "arn:aws:ssm:us-east-1:123456789012:parameter\(name)" }

    /// A Secrets Manager secret holding `{"url": …}` and SSM SecureStrings for the HMAC key and the
    /// ingest token; returns their ARNs.
    static func putSecrets(_ moto: MotoServer, url: String, hmac: String, token: String) async throws -> (url: String, hmac: String, token: String) {
        let secrets = SecretsManagerClient(client: moto.client())
        let ssm = SSMClient(client: moto.client())
        let hook = try await secrets.createSecret(name: unique("klaxon/hook"), secretString: #"{"url":"\#(url)"}"#)
        let hmacName = "/klaxon/" + unique("hmac"), tokenName = "/klaxon/" + unique("ingest")
        try await ssm.putParameter(name: hmacName, value: hmac, type: "SecureString")
        try await ssm.putParameter(name: tokenName, value: token, type: "SecureString")
        return (hook + ":url::", ssmARN(hmacName), ssmARN(tokenName))
    }

    static func config(url: String, hmac: String, token: String) -> String {
        """
        aws:
          region: us-east-1
        server:
          auth:
            tokens: ["\(token)"]
        receivers:
          - name: hook
            webhook:
              url: "\(url)"
              hmac_secret: "\(hmac)"
        routes:
          - receivers: [hook]
        """
    }

    @Test("an ingest token from SSM and a webhook URL (Secrets Manager JSON key) and HMAC key (SSM) deliver a signed alert")
    func deliversWithSecretsByARN() async throws {
        let moto = try await MotoServer.shared()
        let hook = RecordingHTTPServer()
        try await hook.start()
        defer { hook.stop() }
        let hookURL = "\(hook.url)/hook-\(UUID().uuidString)"
        let arns = try await Self.putSecrets(moto, url: hookURL, hmac: "hmac-k3y-from-ssm", token: "ingest-t0ken-from-ssm")
        let config = try ConfigLoader.load(yaml: Self.config(url: arns.url, hmac: arns.hmac, token: arns.token), environment: [:], readFile: { _ in "" })
        let storage = InMemoryStorage()
        let server = KlaxonServer(config: config, storage: storage, logger: Logger(label: "test"), aws: AWSEdge(client: moto.client(), http: .shared))
        let body = try Fixture.data("cloudwatch-alarm.json")
        try await Application(router: server.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: [.authorization: "Bearer wrong-token"], body: ByteBuffer(data: body)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: [.authorization: "Bearer ingest-t0ken-from-ssm"], body: ByteBuffer(data: body)) { response in
                #expect(response.status == .accepted)
            }
        }
        while try await server.processor.processPass().payloads > 0 {}
        #expect(try await server.dispatcher.dispatchPass().delivered == 1)
        let request = try #require(hook.requests.first)
        #expect(request.path == URL(string: hookURL)?.path)
        #expect(request.headers["x-klaxon-signature"] == WebhookNotifier.signature(body: request.body, secret: Array("hmac-k3y-from-ssm".utf8)))
    }

    @Test("an ingest token that cannot be fetched answers 503 (retry later), not 401, and names no value")
    func unfetchableIngestToken() async throws {
        let moto = try await MotoServer.shared()
        let missing = Self.ssmARN("/klaxon/" + Self.unique("absent"))
        let config = try ConfigLoader.load(yaml: Self.config(url: "http://127.0.0.1:1/x", hmac: "k", token: missing), environment: [:], readFile: { _ in "" })
        let server = KlaxonServer(config: config, storage: InMemoryStorage(), logger: Logger(label: "test"), aws: AWSEdge(client: moto.client(), http: .shared))
        try await Application(router: server.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: [.authorization: "Bearer some-token"],
                                     body: ByteBuffer(data: try Fixture.data("cloudwatch-alarm.json"))) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(!String(buffer: response.body).contains("some-token"))
            }
        }
    }

    enum Kind: String, CaseIterable, Sendable { case webhook, webhookHMAC, discord, slackWebhook, slackToken, teams, github }

    /// A notifier of `kind` whose secret is `secret` (and any other one given).
    static func notifier(_ kind: Kind, secret: Secret, url: String) throws -> any Notifier {
        let clock = SystemWallClock()
        switch kind {
        case .webhook: return WebhookNotifier(name: "n", url: secret, secret: nil, client: .shared, clock: clock)
        case .webhookHMAC: return WebhookNotifier(name: "n", url: Secret(url), secret: secret, client: .shared, clock: clock)
        case .discord:
            let builder = DiscordMessageBuilder(style: .embed, templates: try MessageTemplates(defaults: DiscordTemplates.defaults), username: nil, avatarURL: nil, buttons: false)
            return DiscordNotifier(name: "n", url: secret, builder: builder, editOnResolve: false, refs: nil, client: .shared, clock: clock)
        case .slackWebhook, .slackToken:
            let builder = SlackMessageBuilder(templates: try MessageTemplates(defaults: SlackTemplates.defaults), buttons: false)
            let transport: SlackNotifier.Transport = kind == .slackToken ? .webAPI(baseURL: url, token: secret, channel: "C1") : .webhook(url: secret)
            return SlackNotifier(name: "n", transport: transport, builder: builder, editOnResolve: false, refs: nil, client: .shared, clock: clock)
        case .teams:
            return TeamsNotifier(name: "n", url: secret, builder: TeamsCardBuilder(templates: try MessageTemplates(defaults: TeamsTemplates.defaults)), client: .shared, clock: clock)
        case .github:
            let storage = InMemoryStorage()
            return GitHubNotifier(
                name: "n", apiURL: url, repo: "o/r", credentials: GitHubCredentials(mode: .token(secret)), links: storage, states: storage,
                commentInterval: .seconds(600), timeout: .seconds(5), client: .shared, clock: clock)
        }
    }

    @Test("a send whose secret cannot be fetched is retryable, names the key path, and calls nothing", arguments: Kind.allCases)
    func unfetchableSecretIsRetryable(kind: Kind) async throws {
        let moto = try await MotoServer.shared()
        let hook = RecordingHTTPServer()
        try await hook.start()
        defer { hook.stop() }
        let resolver = AWSSecretResolver(ttl: .seconds(300), clock: SystemWallClock()) { region in moto.client(region: region) }
        let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:\(Self.unique("klaxon/absent"))-AbCdEf"
        let secret = Secret(reference: try SecretReference(parsing: arn), keyPath: "receivers[0].\(kind.rawValue)").resolving(with: resolver)
        let notifier = try Self.notifier(kind, secret: secret, url: hook.url)
        let outcome = await notifier.send(Delivery(receiver: "n", fingerprint: "f", occurrence: 1, action: .create, sequence: 1, alert: AlertSamples.alert(), createdAt: Date()))
        guard case .retryable(_, let reason) = outcome else {
            Issue.record("expected retryable, got \(outcome)")
            return
        }
        #expect(reason.contains("Secrets Manager secret"))
        #expect(reason.contains("receivers[0].\(kind.rawValue)"))
        #expect(reason.contains("does not exist"))
        #expect(hook.requests.isEmpty)
    }
}
