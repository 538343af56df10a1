import ArgumentParser
import Foundation
import KlaxonApp

@main
struct Klaxon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "klaxon",
        abstract: "Alert router and incident-response service.",
        subcommands: [Serve.self, Alerts.self, Mute.self, Unmute.self, Silences.self, Status.self, DeadLetters.self, ConfigCommand.self, DiscordCommand.self, TemplateCommand.self, Cost.self]
    )
}

/// Where the database and config are, for commands that open the database of a running server.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: $KLAXON_CONFIG).")
    var config: String?

    @Option(name: .long, help: "SQLite database path (default: $KLAXON_DATA, the config's storage.path, ./klaxon.db).")
    var data: String?

    func open() async throws -> CommandContext {
        try CommandContext(options: ServeOptions(configPath: config, dataPath: data))
    }
}
