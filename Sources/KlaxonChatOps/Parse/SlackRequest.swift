import Foundation
import KlaxonCore

/// A Slack slash command (`/klaxon mute 4h`) or a block_actions button click, as Klaxon reads it.
///
/// Slash commands arrive form-encoded (https://api.slack.com/interactivity/slash-commands); block
/// actions arrive as one form field `payload` holding JSON
/// (https://api.slack.com/reference/interaction-payloads/block-actions).
package struct SlackRequest: Sendable, Equatable {
    package var request: ChatRequest
    /// Where replies after the first may be posted (valid 30 minutes, five times). A credential:
    /// never logged.
    package var responseURL: String?

    package init(request: ChatRequest, responseURL: String?) {
        self.request = request
        self.responseURL = responseURL
    }

    /// Slack checks a slash command URL's certificate with a form body carrying `ssl_check=1`
    /// and expects a 200 (https://api.slack.com/interactivity/slash-commands). It changes nothing
    /// and reveals nothing, so the edge answers it before verification.
    package static func isSSLCheck(_ body: Data) -> Bool {
        guard body.count < 1024, let form = try? FormBody.parse(body) else { return false }
        return form["ssl_check"] == "1" && form["command"] == nil
    }

    /// `/klaxon <subcommand> [args]`.
    package static func parseCommand(_ body: Data) throws(ChatParseError) -> SlackRequest {
        let form = try FormBody.parse(body)
        guard let userID = form["user_id"], !userID.isEmpty else { throw ChatParseError(.missingField, field: "user_id") }
        let words = (form["text"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        let actor = ChatActor(platform: .slack, userID: userID, name: form["user_name"])
        let inDirectMessage = form["channel_name"] == "directmessage" || isDirectMessage(channelID: form["channel_id"])
        return SlackRequest(request: ChatRequest(command: command(words), actor: actor, inDirectMessage: inDirectMessage), responseURL: form["response_url"])
    }

    /// Slack's direct-message conversation ids start with `D`
    /// (https://api.slack.com/types/conversation: channels C, private groups G, DMs D).
    static func isDirectMessage(channelID: String?) -> Bool {
        channelID?.hasPrefix("D") ?? false
    }

    private static func command(_ words: [String]) -> ChatCommand {
        guard let verb = words.first?.lowercased() else { return .help }
        let rest = Array(words.dropFirst())
        switch verb {
        case "mute":
            // `mute 4h`, `mute 4h team=web`, `mute team=web priority=P3` (both must match).
            var duration: String?
            var terms: [ChatScope.Term] = []
            for word in rest {
                if let equals = word.firstIndex(of: "="), let kind = ChatScope.Kind(rawValue: String(word[..<equals]).lowercased()) {
                    terms.append(ChatScope.Term(kind: kind, value: String(word[word.index(after: equals)...])))
                } else if duration == nil {
                    duration = word
                } else {
                    return .unknown(words.joined(separator: " "))
                }
            }
            return .mute(duration: duration, scope: terms.isEmpty ? nil : ChatScope(terms: terms))
        case "unmute": return .unmute
        case "help": return .help
        case "status": return .status
        case "ack": return .ack(alert: rest.first ?? "")
        case "silences": return .silences
        case "cost": return .cost
        default: return .unknown(verb)
        }
    }

    /// A block_actions payload: the first action that is one of Klaxon's buttons.
    package static func parseInteraction(_ body: Data) throws(ChatParseError) -> SlackRequest {
        let form = try FormBody.parse(body)
        guard let payload = form["payload"] else { throw ChatParseError(.missingField, field: "payload") }
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(payload.utf8))
        } catch {
            throw ChatParseError(.notJSON)
        }
        guard wire.type == "block_actions" else { throw ChatParseError(.unsupportedType) }
        guard let user = wire.user else { throw ChatParseError(.missingField, field: "user") }
        let actor = ChatActor(platform: .slack, userID: user.id, name: user.username ?? user.name)
        var command = ChatCommand.unknown(wire.actions?.first?.action_id ?? "")
        for action in wire.actions ?? [] {
            if let known = ChatAction(rawValue: action.action_id), let fingerprint = action.value, !fingerprint.isEmpty {
                command = .button(known, fingerprint: fingerprint)
                break
            }
        }
        let inDirectMessage = isDirectMessage(channelID: wire.channel?.id ?? wire.container?.channel_id)
        return SlackRequest(request: ChatRequest(command: command, actor: actor, inDirectMessage: inDirectMessage), responseURL: wire.response_url)
    }

    private struct Wire: Decodable {
        struct User: Decodable {
            var id: String
            var username: String?
            var name: String?
        }

        struct Action: Decodable {
            var action_id: String
            var value: String?
        }

        struct Channel: Decodable {
            var id: String?
        }

        struct Container: Decodable {
            var channel_id: String?
        }

        var type: String
        var user: User?
        var channel: Channel?
        var container: Container?
        var actions: [Action]?
        var response_url: String?
    }
}
