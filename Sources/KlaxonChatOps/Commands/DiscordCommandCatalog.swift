import KlaxonCore

/// The slash commands Klaxon registers with Discord, and their names as interactions carry them.
///
/// Shape: https://discord.com/developers/docs/interactions/application-commands#application-command-object
/// (type 1 CHAT_INPUT; option type 3 STRING). Every command is registered with `contexts: [0]`
/// (GUILD only): Discord's default also allows BOT_DM, where anyone sharing a server with the bot
/// could mute alerts while the allow-lists are empty. `klaxon discord register-commands` PUTs ``json``
/// to `/applications/{application_id}/commands` (or the guild's) and prints it.
package enum DiscordCommandCatalog {
    package static let mute = "mute-alerts"
    package static let unmute = "unmute-alerts"
    package static let help = "help"
    package static let status = "status"
    package static let ack = "ack"
    package static let silences = "silences"
    package static let cost = "cost"

    /// One command: name, description, and its string options (name, description, required).
    package struct Command: Sendable, Equatable {
        package var name: String
        package var description: String
        package var options: [(name: String, description: String, required: Bool)]

        package static func == (lhs: Command, rhs: Command) -> Bool {
            lhs.name == rhs.name && lhs.description == rhs.description
                && lhs.options.map(\.name) == rhs.options.map(\.name)
        }
    }

    package static let commands: [Command] = [
        Command(name: mute, description: "Mute every alert for a while (default 1d), or only one team, source, priority or service", options: [
            ("duration", "How long: a number and m, h or d, like 30m, 4h, 2d (default 1d)", false),
            ("team", "Only silence this team's alerts", false),
            ("source", "Only silence alerts from this source (cloudwatch, grafana, …)", false),
            ("priority", "Only silence alerts of this priority (P0–P3)", false),
            ("service", "Only silence alerts whose service label is this", false),
        ]),
        Command(name: unmute, description: "End the mute: alerts fire again", options: []),
        Command(name: status, description: "Open alerts, mute state, silences, queue depths and delivery failures", options: []),
        Command(name: ack, description: "Acknowledge an alert: silence it until it resolves", options: [
            ("alert", "The alert's fingerprint (a prefix will do) or id", true),
        ]),
        Command(name: silences, description: "List the active silences", options: []),
        Command(name: cost, description: "Month-to-date cloud spend", options: []),
        Command(name: help, description: "What Klaxon's commands do", options: []),
    ]

    /// The JSON body of the bulk-overwrite request (sorted keys, pretty-printed, stable).
    package static var json: String {
        let wire = commands.map { command in
            WireCommand(
                name: command.name, type: 1, description: command.description, contexts: [guildContext],
                options: command.options.isEmpty ? nil : command.options.map {
                    WireOption(type: 3, name: $0.name, description: $0.description, required: $0.required)
                })
        }
        return ChatJSON.encode(wire, pretty: true)
    }

    /// Interaction context type 0: GUILD
    /// (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-interaction-context-types).
    package static let guildContext = 0

    private struct WireCommand: Encodable {
        var name: String
        var type: Int
        var description: String
        var contexts: [Int]
        var options: [WireOption]?
    }

    private struct WireOption: Encodable {
        var type: Int
        var name: String
        var description: String
        var required: Bool
    }
}
