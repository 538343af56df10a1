import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonChatOps
import KlaxonCore
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import NIOCore
import NIOFoundationCompat

/// A Klaxon with `chatops:` configured, served on a loopback port (HummingbirdTesting `.live`),
/// an in-memory store, a manual clock, a console receiver, and a Discord API stand-in for the
/// follow-ups. Requests are signed as Discord and Slack sign them.
struct ChatOpsHarness {
    static let slackSecret = "slack-signing-secret-for-tests"
    static let applicationID = "777000111"

    let server: KlaxonServer
    let storage: InMemoryStorage
    let clock: ManualClock
    let lines: LineSink
    /// Every log line the server wrote, as JSON.
    let logLines: LineSink
    let key: Curve25519.Signing.PrivateKey
    let discordAPI: DiscordAPIStandIn

    init(allowedUsers: [String] = [], discordAPI: DiscordAPIStandIn = DiscordAPIStandIn(applicationID: ChatOpsHarness.applicationID)) throws {
        key = Curve25519.Signing.PrivateKey()
        self.discordAPI = discordAPI
        let users = allowedUsers.map { "\"\($0)\"" }.joined(separator: ", ")
        let yaml = """
        chatops:
          discord:
            public_key: "\(Hex.encode(key.publicKey.rawRepresentation))"
            application_id: "\(Self.applicationID)"
            api_url: \(discordAPI.url)
            allowed_users: [\(users)]
          slack:
            signing_secret_env: TEST_SLACK_SECRET
            response_url_prefixes: ["https://hooks.slack.com/", "http://127.0.0.1/"]
        receivers:
          - name: console
            console: {}
        routes:
          - receivers: [console]
        """
        var config = try ConfigLoader.load(yaml: yaml, environment: ["TEST_SLACK_SECRET": Self.slackSecret], readFile: { _ in "" })
        config.server.auth.tokens = [Secret(AppHarness.token)]
        storage = InMemoryStorage()
        clock = ManualClock(Date(timeIntervalSince1970: 1_760_000_000))
        lines = LineSink()
        let sink = lines
        let logSink = LineSink()
        logLines = logSink
        let logger = Logger(label: "test", factory: { JSONLogHandler(label: $0, level: .debug, sink: { logSink.append($0) }) })
        server = KlaxonServer(
            config: config, storage: storage, clock: clock, logger: logger, consoleWrite: { sink.append($0) },
            chatFollowUps: ChatFollowUps(client: .shared, logger: logger, discordRetry: DiscordFollowUp(initialBackoffMilliseconds: 20)))
    }

    var now: Int64 { Int64(clock.now().timeIntervalSince1970) }

    /// Runs `body` against the real HTTP server on a loopback port.
    func live(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.makeRouter())
        try await app.test(.live, body)
    }

    func discordHeaders(_ body: String, timestamp: String? = nil) -> HTTPFields {
        let timestamp = timestamp ?? String(now)
        let signature = try! key.signature(for: Data((timestamp + body).utf8))
        return [
            HTTPField.Name("X-Signature-Ed25519")!: Hex.encode(signature),
            HTTPField.Name("X-Signature-Timestamp")!: timestamp,
            .contentType: "application/json",
        ]
    }

    func slackHeaders(_ body: String) -> HTTPFields {
        let timestamp = String(now)
        return [
            HTTPField.Name("X-Slack-Signature")!: SlackVerifier(signingSecret: Self.slackSecret).signature(timestamp: timestamp, body: Data(body.utf8)),
            HTTPField.Name("X-Slack-Request-Timestamp")!: timestamp,
            .contentType: "application/x-www-form-urlencoded",
        ]
    }

    /// A slash command interaction as Discord sends it.
    static func command(_ name: String, options: [String: String] = [:], user: String = "42") -> String {
        let list = options.sorted { $0.key < $1.key }.map { #"{"type":3,"name":"\#($0.key)","value":"\#($0.value)"}"# }.joined(separator: ",")
        return #"{"type":2,"id":"1","application_id":"\#(applicationID)","token":"interaction-token-1","member":{"user":{"id":"\#(user)","username":"ops"},"roles":[]},"data":{"name":"\#(name)","type":1,"options":[\#(list)]}}"#
    }

    static func button(_ action: ChatAction, fingerprint: String) -> String {
        #"{"type":3,"id":"2","application_id":"\#(applicationID)","token":"interaction-token-2","member":{"user":{"id":"42","username":"ops"},"roles":[]},"data":{"custom_id":"\#(action.customID(fingerprint: fingerprint))","component_type":2}}"#
    }

    /// POSTs a signed Discord interaction and returns (status, body).
    func discord(_ client: some TestClientProtocol, _ body: String, headers: HTTPFields? = nil) async throws -> (Int, String) {
        try await client.execute(uri: "/discord/interactions", method: .post, headers: headers ?? discordHeaders(body), body: ByteBuffer(string: body)) { response in
            (Int(response.status.code), String(buffer: response.body))
        }
    }

    func slack(_ client: some TestClientProtocol, _ path: String, _ body: String, headers: HTTPFields? = nil) async throws -> (Int, String) {
        try await client.execute(uri: path, method: .post, headers: headers ?? slackHeaders(body), body: ByteBuffer(string: body)) { response in
            (Int(response.status.code), String(buffer: response.body))
        }
    }

    func ingest(_ client: some TestClientProtocol, _ title: String) async throws {
        let body = #"{"title":"\#(title)","severity":"critical","team":"web"}"#
        try await client.execute(uri: "/api/v1/events", method: .post, headers: [.authorization: "Bearer \(AppHarness.token)"], body: ByteBuffer(string: body)) { response in
            precondition(response.status.code == 202)
        }
    }

    func drain() async throws {
        while try await server.processor.processPass().payloads > 0 {}
        while try await server.dispatcher.dispatchPass().sent > 0 {}
    }

    /// The `content` of a Discord type-4 answer.
    static func content(_ body: String) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return (object?["data"] as? [String: Any])?["content"] as? String
    }

    static func flags(_ body: String) -> Int? {
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return (object?["data"] as? [String: Any])?["flags"] as? Int
    }
}
