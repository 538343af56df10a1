import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonAWS
import KlaxonCore
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import NIOCore
import Testing

/// The mute gate in SSM (moto, signatures checked), and failing open when SSM is unreachable or
/// refuses.
@Suite("SSM mute gate")
struct SSMMuteGateTests {
    static func server(mute: any MuteStore) throws -> (KlaxonServer, InMemoryStorage, LineSink) {
        let yaml = "receivers:\n  - name: console\n    console: {}\nroutes:\n  - receivers: [console]\n"
        var config = try ConfigLoader.load(yaml: yaml, environment: [:], readFile: { _ in "" })
        config.server.auth.tokens = [Secret("t")]
        let base = InMemoryStorage()
        let lines = LineSink()
        let server = KlaxonServer(
            config: config, storage: StorageWithMute(base: base, mute: mute), logger: Logger(label: "test"), consoleWrite: { lines.append($0) })
        return (server, base, lines)
    }

    /// Posts the CloudWatch alarm and processes it; returns the console lines written.
    static func alarm(through server: KlaxonServer, lines: LineSink) async throws -> Int {
        let app = Application(router: server.makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: [.authorization: "Bearer t"], body: ByteBuffer(data: try Fixture.data("cloudwatch-alarm.json"))) { response in
                #expect(response.status == .accepted)
            }
        }
        while try await server.processor.processPass().payloads > 0 {}
        while try await server.dispatcher.dispatchPass().sent > 0 {}
        return lines.lines.count
    }

    @Test("Read and write the parameter; a missing one is not muted", arguments: ["/klaxon/alerts/muted_until", "/encache/alerts/dlq_muted_until"])
    func roundTrip(name: String) async throws {
        let moto = try await MotoServer.shared()
        let scoped = name + "-" + UUID().uuidString.prefix(8)
        let store = SSMMuteStore(ssm: SSMClient(client: moto.client()), parameterName: scoped)
        #expect(try await store.muteState().value == nil)
        try await store.setMutedUntil(4_102_444_800, by: "ops", at: Date())
        #expect(try await store.muteState().value == "4102444800")
        // Another tool's write is seen: the parameter is the gate.
        try await SSMClient(client: moto.client()).putParameter(name: scoped, value: "0")
        #expect(try await store.muteState().value == "0")
    }

    @Test("Muted in SSM suppresses the alert; status reads the gate")
    func muteSuppresses() async throws {
        let moto = try await MotoServer.shared()
        let store = SSMMuteStore(ssm: SSMClient(client: moto.client()), parameterName: "/klaxon/test/\(UUID().uuidString.prefix(8))/muted_until")
        let (server, base, lines) = try Self.server(mute: store)
        try await store.setMutedUntil(Int64(Date().timeIntervalSince1970) + 3600, by: "ops", at: Date())
        #expect(try await Self.alarm(through: server, lines: lines) == 0)
        #expect(try await base.recentAudit(limit: 10).contains { $0.step == "alert_suppressed" })
        let status = try await AdminReports.status(server.storage, now: Date())
        #expect(status.muted && status.muteUnreadable == nil)
    }

    @Test("Every SSM failure fails open: unreachable endpoint, wrong secret, denied", arguments: ["unreachable", "wrong-secret"])
    func failsOpen(failure: String) async throws {
        let client: AWSClient
        if failure == "unreachable" {
            let port = try freeLoopbackPort()  // nothing listens there
            let settings = AWSSettings(region: "us-east-1", environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)"])
            // The short timeout klaxon serve uses for the gate (SSMMuteGate): a refused connection
            // is retried by the HTTP client until the deadline.
            client = AWSClient(settings: settings, credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIAEXAMPLE", secretAccessKey: "x")), httpClient: .shared, retry: .none, timeout: .seconds(2))
        } else {
            let moto = try await MotoServer.shared()
            client = moto.client(credentials: AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: "not-the-secret"))
        }
        let store = SSMMuteStore(ssm: SSMClient(client: client), parameterName: "/klaxon/alerts/muted_until")
        await #expect(throws: AWSError.self) { _ = try await store.muteState() }
        let (server, _, lines) = try Self.server(mute: store)
        #expect(try await Self.alarm(through: server, lines: lines) == 1)
        let status = try await AdminReports.status(server.storage, now: Date())
        #expect(!status.muted && status.muteUnreadable == true)
    }
}
