import Foundation
import KlaxonCore

/// A Discord interaction as Klaxon reads it: a PING, a slash command or a button click.
///
/// Wire shape: https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
/// (type 1 PING, 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT). Unknown fields are ignored.
package enum DiscordInteraction: Sendable, Equatable {
    case ping
    /// A command or button, with what the follow-up needs (`token` is valid for 15 minutes and
    /// is a credential: it is never logged). `applicationID` is empty when the body has none;
    /// the edge edits through the configured application id in any case.
    case request(ChatRequest, applicationID: String, token: String)

    package static func parse(_ body: Data) throws(ChatParseError) -> DiscordInteraction {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: body)
        } catch {
            throw ChatParseError(.notJSON)
        }
        switch wire.type {
        case 1:
            return .ping
        case 2, 3:
            guard let user = wire.member?.user ?? wire.user else { throw ChatParseError(.missingField, field: "member.user") }
            guard let token = wire.token, !token.isEmpty else { throw ChatParseError(.missingField, field: "token") }
            let applicationID = wire.application_id ?? ""
            guard let data = wire.data else { throw ChatParseError(.missingField, field: "data") }
            let actor = ChatActor(platform: .discord, userID: user.id, name: user.global_name ?? user.username, roles: wire.member?.roles ?? [])
            let command = wire.type == 2 ? slashCommand(data) : component(data)
            // A guild interaction carries `member`; a DM carries only `user` (and `context` 1 or 2).
            let inDirectMessage = wire.member == nil || (wire.context ?? 0) != 0
            return .request(ChatRequest(command: command, actor: actor, inDirectMessage: inDirectMessage), applicationID: applicationID, token: token)
        default:
            throw ChatParseError(.unsupportedType)
        }
    }

    private static func slashCommand(_ data: Wire.Data) -> ChatCommand {
        let name = data.name ?? ""
        func option(_ key: String) -> String? {
            data.options?.first { $0.name == key }?.value?.text
        }
        switch name {
        case DiscordCommandCatalog.mute:
            // Every scope option given is kept: together they narrow the silence.
            let terms = ChatScope.Kind.allCases.compactMap { kind in
                option(kind.rawValue).flatMap { $0.isEmpty ? nil : ChatScope.Term(kind: kind, value: $0) }
            }
            return .mute(duration: option("duration"), scope: terms.isEmpty ? nil : ChatScope(terms: terms))
        case DiscordCommandCatalog.unmute: return .unmute
        case DiscordCommandCatalog.help: return .help
        case DiscordCommandCatalog.status: return .status
        case DiscordCommandCatalog.ack: return .ack(alert: option("alert") ?? "")
        case DiscordCommandCatalog.silences: return .silences
        case DiscordCommandCatalog.cost: return .cost
        default: return .unknown(name)
        }
    }

    private static func component(_ data: Wire.Data) -> ChatCommand {
        guard let customID = data.custom_id, let parsed = ChatAction.parse(customID: customID) else {
            return .unknown(data.custom_id ?? "")
        }
        return .button(parsed.action, fingerprint: parsed.fingerprint)
    }

    // Field names as Discord spells them.
    private struct Wire: Decodable {
        struct User: Decodable {
            var id: String
            var username: String?
            var global_name: String?
        }

        struct Member: Decodable {
            var user: User?
            var roles: [String]?
        }

        struct Option: Decodable {
            var name: String
            var value: OptionValue?
        }

        /// Option values are strings, numbers or booleans depending on the option type.
        struct OptionValue: Decodable {
            var text: String
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let s = try? c.decode(String.self) { text = s } else if let i = try? c.decode(Int64.self) { text = String(i) } else if let d = try? c.decode(Double.self) { text = String(d) } else if let b = try? c.decode(Bool.self) { text = String(b) } else { text = "" }
            }
        }

        struct Data: Decodable {
            var name: String?
            var options: [Option]?
            var custom_id: String?
        }

        var type: Int
        var token: String?
        var application_id: String?
        var context: Int?
        var member: Member?
        var user: User?
        var data: Data?
    }
}
