import AsyncHTTPClient
import Foundation
import KlaxonTesting
import NIOCore
import NIOFoundationCompat
import Testing

/// A real `klaxon serve` process on a loopback port, for tests with real peers.
final class LiveKlaxon: Sendable {
    static let token = "live-test-token"

    let process: LocalProcess
    let port: Int
    let directory: URL
    let dataPath: String
    let configPath: String?
    /// Variables the config refers to (`*_env`), also given to CLI commands.
    let extraEnvironment: [String: String]

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts klaxon and waits until `/healthz` answers.
    init(directory: URL, config: String?, dataPath: String? = nil, name: String = "klaxon", environment extra: [String: String] = [:]) async throws {
        self.directory = directory
        extraEnvironment = extra
        self.dataPath = dataPath ?? directory.appendingPathComponent("klaxon.db").path
        if let config {
            let path = directory.appendingPathComponent("klaxon.yaml").path
            try config.write(toFile: path, atomically: true, encoding: .utf8)
            configPath = path
        } else {
            configPath = nil
        }
        // Port 0: the kernel picks the port when klaxon binds, and klaxon prints it. A port
        // chosen here first could be taken by another test's server before klaxon binds it.
        var arguments = ["serve", "--listen", "127.0.0.1:0", "--data", self.dataPath]
        if let configPath { arguments += ["--config", configPath] }
        var environment = ProcessInfo.processInfo.environment
        environment["KLAXON_INGEST_TOKEN"] = Self.token
        environment["LOG_LEVEL"] = "info"
        environment.merge(extra) { $1 }
        let binary = PackagePaths.klaxonBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build klaxon first: \(binary) is missing")
        let process = try LocalProcess(name: name, executable: binary, arguments: arguments, environment: environment, directory: directory)
        self.process = process
        var bound: Int?
        _ = await eventually(timeout: 60) {
            bound = Self.listeningPort(in: process.stdout)
            return bound != nil || !process.isRunning
        }
        port = bound ?? 0
        let port = self.port
        var up = false
        if bound != nil {
            up = await eventually(timeout: 30) {
                (try? await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"), timeout: .seconds(2)).status.code) == 200
            }
        }
        try #require(up, "klaxon did not start:\n\(process.output)")
    }

    /// The port in klaxon's "Klaxon listening on http://HOST:PORT;" line, once it is printed.
    static func listeningPort(in stdout: String) -> Int? {
        guard let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("Klaxon listening on http://") }),
              let end = line.firstIndex(of: ";"), let colon = line[..<end].lastIndex(of: ":")
        else { return nil }
        return Int(line[line.index(after: colon)..<end])
    }

    /// POSTs a body with the test token; returns the status code (nil on a transport error).
    func post(_ path: String, _ body: String) async -> Int? {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(10)) else { return nil }
        _ = try? await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    /// Runs a CLI command against this instance's database and config.
    func cli(_ arguments: [String]) throws -> String {
        var all = arguments + ["--data", dataPath]
        if let configPath { all += ["--config", configPath] }
        let environment = extraEnvironment.isEmpty ? nil : ProcessInfo.processInfo.environment.merging(extraEnvironment) { _, new in new }
        let result = try LocalProcess.run(PackagePaths.klaxonBinary, all, environment: environment)
        try #require(result.status == 0, "klaxon \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result.stdout
    }

    struct AlertRow: Decodable {
        var fingerprint: String
        var source: String
        var title: String
        var status: String
        var priority: String
        var teams: [String]
        var occurrences: Int
        var notifications: Int
        var last_action: String?
        var external_ref: String?
    }

    func alerts() throws -> [AlertRow] {
        try JSONDecoder().decode([AlertRow].self, from: Data(try cli(["alerts", "list", "--json"]).utf8))
    }

    struct StatusRow: Decodable {
        var muted_until: Int64
        var inbox_depth: Int
        var outbox_depth: Int
        var dead_letters: Int
    }

    func status() throws -> StatusRow {
        try JSONDecoder().decode(StatusRow.self, from: Data(try cli(["status", "--json"]).utf8))
    }

    func stop() {
        process.stop()
    }
}
