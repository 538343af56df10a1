import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonCore
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import Synchronization
import Testing

/// A Klaxon wired to an in-memory store, a manual clock and a console receiver whose lines the
/// test reads. Processing and dispatching are driven one pass at a time.
struct AppHarness {
    let server: KlaxonServer
    let storage: InMemoryStorage
    let clock: ManualClock
    let lines: LineSink

    static let token = "test-token-1"

    init(yaml: String? = nil, environment: [String: String] = [:]) throws {
        var config = try yaml.map { try ConfigLoader.load(yaml: $0, environment: environment, readFile: { _ in "" }) } ?? ConfigLoader.defaultConfig()
        config.server.auth.tokens = [Secret(Self.token)]
        config.server.auth.grafanaTokens = [Secret("grafana-token")]
        config.server.maxBodyBytes = 64 * 1024
        storage = InMemoryStorage()
        clock = ManualClock(Date(timeIntervalSince1970: 1_760_000_000))
        lines = LineSink()
        let sink = lines
        server = KlaxonServer(config: config, storage: storage, clock: clock, logger: Logger(label: "test"), consoleWrite: { sink.append($0) })
    }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.makeRouter())
        try await app.test(.router, body)
    }

    /// How a test reaches the routes.
    enum Transport: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// Hummingbird's router alone, without a socket.
        case router
        /// Real HTTP on loopback through `klaxon serve`'s HTTP server, whose channel pipeline
        /// answers the ingest routes itself (`IntakeChannelHandler`).
        case live

        var testDescription: String { rawValue }
    }

    func test(_ transport: Transport, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        switch transport {
        case .router:
            try await test(body)
        case .live:
            try await Application(router: server.makeRouter(), server: server.httpServer).test(.live, body)
        }
    }

    /// Processes everything in the inbox and sends everything due.
    func drain() async throws {
        while try await server.processor.processPass().payloads > 0 {}
        while try await server.dispatcher.dispatchPass().sent > 0 {}
    }
}

final class LineSink: Sendable {
    private let stored = Mutex<[String]>([])
    func append(_ line: String) { stored.withLock { $0.append(line) } }
    var lines: [String] { stored.withLock { $0 } }
}

enum Fixture {
    static func data(_ name: String) throws -> Data {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Data(contentsOf: folder.appendingPathComponent(name))
    }
}
