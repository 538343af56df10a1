import Foundation
import KlaxonCore
import Synchronization

/// A local stand-in for the parts of Discord's REST API that chat-ops calls, checking each request
/// against Discord's documented shape and limits:
///
/// - `PATCH /webhooks/{application_id}/{token}/messages/@original` (edit the deferred answer):
///   JSON body, `content` a string of at most 2000 characters (code points), only message-edit
///   fields.
///   https://discord.com/developers/docs/interactions/receiving-and-responding#edit-original-interaction-response
/// - `PUT /applications/{application_id}[/guilds/{guild_id}]/commands` (bulk overwrite): `Bot`
///   authorization, a JSON array of at most 100 commands, names `^[-_a-z0-9]{1,32}$`,
///   descriptions 1–100 characters, at most 25 options each.
///   https://discord.com/developers/docs/interactions/application-commands#application-command-object
///
/// Requests that break a rule get 400 and are listed in ``violations``; the test asserts it is
/// empty. ``failEdits(times:status:)`` makes the next edits fail (404 right after a deferral).
/// Served by the shared ``StandInServer`` (as ``DiscordStandIn``), so its faults — a 429 with
/// Discord's `retry_after` body, 500s, slow answers — are available here too (``server``).
package final class DiscordAPIStandIn: Sendable {
    package struct Recorded: Sendable {
        package var method: String
        package var path: String
        package var headers: [String: String]
        package var body: Data
        package var status: Int
    }

    private struct State {
        var violations: [String] = []
        var failuresLeft = 0
        var failureStatus = 404
    }

    private let state = Mutex(State())
    package let applicationID: String
    package let botToken: String
    package let server: StandInServer

    package init(applicationID: String, botToken: String = "stand-in-bot-token") {
        self.applicationID = applicationID
        self.botToken = botToken
        server = StandInServer(rateLimitReply: DiscordStandIn.rateLimited)
        server.setHandler { [weak self] request in self?.answer(request) ?? .text(503, "stand-in stopped") }
    }

    /// Every request and the status it was answered with, in order.
    package var requests: [Recorded] {
        server.requests.map { Recorded(method: $0.method, path: $0.path, headers: $0.headers, body: $0.body, status: $0.answeredStatus ?? 0) }
    }

    package var violations: [String] { state.withLock { $0.violations } }
    package var url: String { server.baseURL + "/api/v10" }

    /// The next `times` edits of the original answer `status` (default 404).
    package func failEdits(times: Int, status: Int = 404) {
        state.withLock {
            $0.failuresLeft = times
            $0.failureStatus = status
        }
    }

    /// Starts on a free loopback port; returns once it accepts connections.
    package func start() async throws { try await server.start() }
    package func stop() { server.stop() }

    private func answer(_ request: StandInRequest) -> StandInReply {
        let body = request.body
        let headers = request.headers
        let path = request.path
        let method = request.method
        var problems: [String] = []
        var status = 200
        var reply = "{}"
        let segments = path.split(separator: "/").map(String.init)
        if method == "PATCH", segments.count == 7, segments[0] == "api", segments[1] == "v10", segments[2] == "webhooks",
           segments[5] == "messages", segments[6] == "@original" {
            if segments[3] != applicationID { problems.append("edit for application \(segments[3]), expected \(applicationID)") }
            if segments[4].isEmpty { problems.append("edit without an interaction token") }
            problems += Self.checkMessageEdit(body: body, headers: headers)
            let failing = state.withLock { state -> Int? in
                guard state.failuresLeft > 0 else { return nil }
                state.failuresLeft -= 1
                return state.failureStatus
            }
            if let failing {
                status = failing
                reply = #"{"message": "Unknown Message", "code": 10008}"#
            } else {
                reply = #"{"id": "1", "content": "edited"}"#
            }
        } else if method == "PUT", segments.count >= 5, segments[0] == "api", segments[1] == "v10", segments[2] == "applications",
                  segments.last == "commands", segments.count == 5 || (segments.count == 7 && segments[4] == "guilds") {
            if segments[3] != applicationID { problems.append("commands for application \(segments[3]), expected \(applicationID)") }
            if headers["authorization"] != "Bot \(botToken)" { problems.append("commands without the Bot authorization") }
            let (issues, count) = Self.checkCommands(body: body, headers: headers)
            problems += issues
            reply = "[" + Array(repeating: "{}", count: count).joined(separator: ",") + "]"
        } else {
            problems.append("\(method) \(path) is not an endpoint this stand-in knows")
            status = 404
        }
        if !problems.isEmpty, status < 400 { status = 400 }
        state.withLock { $0.violations += problems }
        return StandInReply(
            status: status, headers: ["Content-Type": "application/json"],
            body: Data((problems.isEmpty ? reply : #"{"message": "Invalid Form Body", "code": 50035}"#).utf8))
    }

    static let editFields: Set<String> = ["content", "embeds", "flags", "allowed_mentions", "components", "attachments", "payload_json"]

    /// What Discord would refuse in a `PATCH …/messages/@original` body (empty when none).
    package static func checkMessageEdit(body: Data, headers: [String: String]) -> [String] {
        var problems: [String] = []
        if headers["content-type"]?.hasPrefix("application/json") != true { problems.append("edit is not application/json") }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            return problems + ["edit body is not a JSON object"]
        }
        for key in object.keys where !editFields.contains(key) { problems.append("edit has unknown field \(key)") }
        if let content = object["content"] {
            guard let text = content as? String else { return problems + ["content is not a string"] }
            // Discord counts code points, not the grapheme clusters `String.count` gives.
            let length = text.unicodeScalars.count
            if length > 2000 { problems.append("content is \(length) characters, over Discord's 2000") }
            if text.isEmpty, object["embeds"] == nil { problems.append("edit with empty content and no embeds") }
        } else if object["embeds"] == nil {
            problems.append("edit with neither content nor embeds")
        }
        return problems
    }

    static func checkCommands(body: Data, headers: [String: String]) -> (problems: [String], count: Int) {
        var problems: [String] = []
        if headers["content-type"]?.hasPrefix("application/json") != true { problems.append("commands are not application/json") }
        guard let commands = try? JSONSerialization.jsonObject(with: body) as? [[String: Any]] else {
            return (problems + ["commands body is not a JSON array of objects"], 0)
        }
        if commands.count > 100 { problems.append("\(commands.count) commands, over Discord's 100") }
        var names = Set<String>()
        for command in commands {
            let name = command["name"] as? String ?? ""
            if !validName(name) { problems.append("command name \"\(name)\" does not match ^[-_a-z0-9]{1,32}$") }
            if !names.insert(name).inserted { problems.append("command \(name) twice") }
            let description = command["description"] as? String ?? ""
            if description.isEmpty || description.count > 100 { problems.append("command \(name) description is \(description.count) characters (1–100)") }
            if let type = command["type"], (type as? Int) != 1 { problems.append("command \(name) type is not 1 (CHAT_INPUT)") }
            let options = command["options"] as? [[String: Any]] ?? []
            if options.count > 25 { problems.append("command \(name) has \(options.count) options, over 25") }
            var sawOptional = false
            for option in options {
                let optionName = option["name"] as? String ?? ""
                if !validName(optionName) { problems.append("option name \"\(optionName)\" of \(name) is invalid") }
                let text = option["description"] as? String ?? ""
                if text.isEmpty || text.count > 100 { problems.append("option \(optionName) of \(name): description is \(text.count) characters (1–100)") }
                if option["type"] as? Int == nil { problems.append("option \(optionName) of \(name) has no type") }
                let required = option["required"] as? Bool ?? false
                if required, sawOptional { problems.append("required option \(optionName) of \(name) after an optional one") }
                if !required { sawOptional = true }
            }
        }
        return (problems, commands.count)
    }

    static func validName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 32 && name.allSatisfy { ($0.isLowercase && $0.isASCII) || ($0.isNumber && $0.isASCII) || $0 == "-" || $0 == "_" }
    }
}
