import Foundation
import Hummingbird
import KlaxonAWS
import KlaxonCore
import KlaxonStore
import Logging

/// `klaxon serve`: open the store, build the server, run until SIGTERM/SIGINT.
package enum ServeCommand {
    package static func run(_ options: ServeOptions) async throws {
        MemoryTuning.limitArenas(environment: options.environment)
        let (config, generatedToken) = try options.resolve()
        let keyProblems = KlaxonServer.checkGitHubKeys(config)
        guard keyProblems.isEmpty else { throw ServeOptions.Problem(description: "invalid config:\n" + keyProblems.joined(separator: "\n")) }
        let level = options.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        let logger = Logger(label: "klaxon")
        let storage: SQLiteStorage
        do {
            storage = try SQLiteStorage(path: config.storage.path, sync: config.storage.sync == .full ? .full : .normal, backgroundCheckpoints: true)
        } catch {
            throw ServeOptions.Problem(description: "cannot open the database at \(config.storage.path): \(error)")
        }
        if let generatedToken {
            let line = "Ingest token (send as 'Authorization: Bearer <token>'; set KLAXON_INGEST_TOKEN to choose your own): \(generatedToken)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        let awsClient = try AWSEdge.client(for: config, environment: options.environment, http: .shared)
        let server = KlaxonServer(
            config: config, storage: SSMMuteGate.wrap(storage, config: config, client: awsClient), logger: logger,
            costSource: awsClient.map { CostExplorerSource(explorer: CostExplorerClient(client: $0)) },
            aws: AWSEdge(client: awsClient, http: .shared))
        let listen = config.server.listen
        let app = server.makeApplication(extraServices: [WALCheckpointer(storage: storage, logger: logger)], onServerRunning: { channel in
            let line = "Klaxon listening on http://\(listen.host):\(channel.localAddress?.port ?? listen.port); database \(config.storage.path) (sync \(config.storage.sync.rawValue)); \(config.receivers.count) receiver(s)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        })
        try await app.runService()
    }
}
