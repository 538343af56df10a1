import Foundation
import KlaxonCore
import Synchronization

/// A local Discord webhook: Execute Webhook (`POST /api/webhooks/{id}/{token}`, `?wait=true`) and
/// Edit Webhook Message (`PATCH …/messages/{message_id}`), checked against Discord's documented
/// shape and limits; a request that breaks one gets Discord's 400 (`code` 50035, "Invalid Form
/// Body") and is not posted.
///
/// Limits: https://discord.com/developers/docs/resources/message#embed-object-embed-limits and
/// https://discord.com/developers/docs/resources/webhook#execute-webhook. 429 answers carry
/// Discord's body `{"message","retry_after","global"}` and the `Retry-After` /
/// `X-RateLimit-Reset-After` headers (https://discord.com/developers/docs/topics/rate-limits).
/// Components are kept only when the webhook is application-owned, as Discord does.
package final class DiscordStandIn: Sendable {
    package let webhookID = "1300000000000000001"
    package let token: String
    package let server: StandInServer
    private let applicationOwned: Bool
    private let messagesBox = Mutex<(byID: [String: JSONValue], order: [String], next: Int64)>(([:], [], 1_310_000_000_000_000_000))

    package init(token: String = "stand-in-token-\(UUID().uuidString)", applicationOwned: Bool = false) {
        self.token = token
        self.applicationOwned = applicationOwned
        server = StandInServer(rateLimitReply: Self.rateLimited)
        server.setHandler { [weak self] request in self?.handle(request) ?? .text(503, "stand-in stopped") }
    }

    /// The webhook URL to configure (it carries the token, like Discord's).
    package var webhookURL: String { "\(server.baseURL)/api/webhooks/\(webhookID)/\(token)" }

    /// Posted messages as they stand now (after edits), oldest first.
    package var messages: [(id: String, message: JSONValue)] {
        messagesBox.withLock { state in state.order.map { ($0, state.byID[$0]!) } }
    }

    package func start() async throws { try await server.start() }
    package func stop() { server.stop() }

    static func rateLimited(_ seconds: Double) -> StandInReply {
        .json(429, .object(["message": .string("You are being rate limited."), "retry_after": .double(seconds), "global": .bool(false)]),
              headers: ["Retry-After": String(Int(seconds.rounded(.up))), "X-RateLimit-Reset-After": String(seconds), "X-RateLimit-Scope": "shared"])
    }

    private static func error(_ status: Int, _ message: String, code: Int64) -> StandInReply {
        .json(status, .object(["message": .string(message), "code": .int(code)]))
    }

    private func handle(_ request: StandInRequest) -> StandInReply {
        let parts = request.path.split(separator: "/").map(String.init)
        guard let at = parts.firstIndex(of: "webhooks"), parts.count >= at + 3 else { return Self.error(404, "404: Not Found", code: 0) }
        guard parts[at + 1] == webhookID, parts[at + 2] == token else { return Self.error(404, "Unknown Webhook", code: 10015) }
        guard request.headers["content-type"]?.hasPrefix("application/json") == true else {
            return Self.error(400, "Cannot send an empty message", code: 50006)
        }
        guard let body = request.json, body.objectValue != nil else { return Self.error(400, "The request body contains invalid JSON.", code: 50109) }
        let isEdit = request.method == "PATCH"
        let problems = Self.problems(in: body, isEdit: isEdit)
        guard problems.isEmpty else {
            return .json(400, .object(["message": .string("Invalid Form Body"), "code": .int(50035),
                                       "errors": .array(problems.map { .string($0) })]))
        }
        var stored = body.objectValue!
        if !applicationOwned { stored["components"] = nil }
        if isEdit {
            guard parts.count == at + 5, parts[at + 3] == "messages" else { return Self.error(405, "405: Method Not Allowed", code: 0) }
            let id = parts[at + 4]
            return messagesBox.withLock { state -> StandInReply in
                guard var message = state.byID[id]?.objectValue else { return Self.error(404, "Unknown Message", code: 10008) }
                for (key, value) in stored { message[key] = value }
                state.byID[id] = .object(message)
                return .json(200, .object(message))
            }
        }
        guard request.method == "POST", parts.count == at + 3 else { return Self.error(405, "405: Method Not Allowed", code: 0) }
        let id = messagesBox.withLock { state -> String in
            state.next += 1
            let id = String(state.next)
            stored["id"] = .string(id)
            stored["webhook_id"] = .string(webhookID)
            state.byID[id] = .object(stored)
            state.order.append(id)
            return id
        }
        return request.queryValue("wait") == "true" ? .json(200, .object(stored.merging(["id": .string(id)]) { $1 })) : StandInReply(status: 204)
    }

    /// Every way `body` breaks Discord's rules for a webhook message (empty when it is fine).
    package static func problems(in body: JSONValue, isEdit: Bool) -> [String] {
        var problems: [String] = []
        func text(_ value: JSONValue?, _ path: String, max: Int, required: Bool = false) {
            guard let value else {
                if required { problems.append("\(path): required") }
                return
            }
            guard let string = value.stringValue else { return problems.append("\(path): must be a string") }
            if required && string.isEmpty { problems.append("\(path): must not be empty") }
            if characterCount(string) > max { problems.append("\(path): must be \(max) or fewer in length") }
        }
        text(body["content"], "content", max: 2000)
        if let username = body["username"]?.stringValue {
            if username.isEmpty || characterCount(username) > 80 { problems.append("username: must be between 1 and 80 in length") }
            if username.lowercased().contains("clyde") || username.lowercased().contains("discord") { problems.append("username: contains a forbidden word") }
        }
        let embeds = body["embeds"]?.arrayValue ?? []
        if embeds.count > 10 { problems.append("embeds: must be 10 or fewer in length") }
        var total = 0
        for (index, embed) in embeds.enumerated() {
            let path = "embeds.\(index)"
            text(embed["title"], "\(path).title", max: 256)
            text(embed["description"], "\(path).description", max: 4096)
            text(embed["footer"]?["text"], "\(path).footer.text", max: 2048, required: embed["footer"] != nil)
            text(embed["author"]?["name"], "\(path).author.name", max: 256, required: embed["author"] != nil)
            if let color = embed["color"], !(color.intValue.map { (0...0xFFFFFF).contains($0) } ?? false) {
                problems.append("\(path).color: must be an integer from 0 to 16777215")
            }
            if let timestamp = embed["timestamp"], timestamp.stringValue.flatMap(Timestamp.parse) == nil {
                problems.append("\(path).timestamp: not an ISO8601 timestamp")
            }
            let fields = embed["fields"]?.arrayValue ?? []
            if fields.count > 25 { problems.append("\(path).fields: must be 25 or fewer in length") }
            for (fieldIndex, field) in fields.enumerated() {
                text(field["name"], "\(path).fields.\(fieldIndex).name", max: 256, required: true)
                text(field["value"], "\(path).fields.\(fieldIndex).value", max: 1024, required: true)
            }
            let parts = [embed["title"], embed["description"], embed["footer"]?["text"], embed["author"]?["name"]].compactMap { $0?.stringValue }
                + fields.flatMap { [$0["name"]?.stringValue ?? "", $0["value"]?.stringValue ?? ""] }
            total += parts.reduce(0) { $0 + characterCount($1) }
        }
        if total > 6000 { problems.append("embeds: the embeds' combined text must be 6000 or fewer in length, got \(total)") }
        let rows = body["components"]?.arrayValue ?? []
        if rows.count > 5 { problems.append("components: must be 5 or fewer in length") }
        for (rowIndex, row) in rows.enumerated() {
            guard row["type"]?.intValue == 1 else {
                problems.append("components.\(rowIndex).type: top-level components must be action rows (1)")
                continue
            }
            let buttons = row["components"]?.arrayValue ?? []
            if buttons.isEmpty || buttons.count > 5 { problems.append("components.\(rowIndex).components: must hold 1 to 5 components") }
            for (index, button) in buttons.enumerated() where button["type"]?.intValue == 2 {
                text(button["custom_id"], "components.\(rowIndex).components.\(index).custom_id", max: 100, required: button["style"]?.intValue != 5)
                text(button["label"], "components.\(rowIndex).components.\(index).label", max: 80)
            }
        }
        let hasContent = !(body["content"]?.stringValue ?? "").isEmpty
        if !isEdit, !hasContent, embeds.isEmpty, rows.isEmpty {
            problems.append("Cannot send an empty message")
        }
        return problems
    }
}
