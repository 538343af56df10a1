import Foundation
import KlaxonCore
import Synchronization

/// A local Slack: an incoming webhook (`POST /services/T…/B…/{secret}`) and the Web API's
/// `chat.postMessage` / `chat.update` (`POST /api/chat.*`, `Authorization: Bearer`), each message
/// checked against Block Kit's rules (``SlackBlockKitRules``).
///
/// Answers as Slack does: the webhook `200 ok`, or `400 invalid_blocks` / `no_text`, `404
/// no_service`; the Web API 200 `{"ok":true,"channel","ts"}` or 200 `{"ok":false,"error"}`
/// (`not_authed`, `invalid_auth`, `channel_not_found`, `message_not_found`, `invalid_blocks`).
/// 429s carry `Retry-After` in whole seconds (https://api.slack.com/apis/rate-limits). The channel
/// may be given by id or by name (`alerts` or `#alerts`); answers carry the id, as Slack's do.
package final class SlackStandIn: Sendable {
    package let webhookPath: String
    package let botToken: String
    package let channel: String
    /// The channel's name, which requests may use instead of its id.
    package let channelName: String
    package let server: StandInServer
    private let messagesBox = Mutex<(byTS: [String: JSONValue], order: [String], next: Int)>(([:], [], 0))

    package init(channel: String = "C0KLAXON01", channelName: String = "alerts") {
        webhookPath = "/services/T00000000/B00000000/\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        botToken = "xoxb-stand-in-\(UUID().uuidString)"
        self.channel = channel
        self.channelName = channelName
        server = StandInServer(rateLimitReply: { seconds in
            .json(429, .object(["ok": .bool(false), "error": .string("ratelimited")]), headers: ["Retry-After": String(Int(seconds.rounded(.up)))])
        })
        server.setHandler { [weak self] request in self?.handle(request) ?? .text(503, "stand-in stopped") }
    }

    package var webhookURL: String { server.baseURL + webhookPath }
    package var apiURL: String { server.baseURL + "/api" }

    /// Messages posted through the Web API as they stand now (after updates), by ts, oldest first;
    /// webhook posts get a ts too.
    package var messages: [(ts: String, message: JSONValue)] {
        messagesBox.withLock { state in state.order.map { ($0, state.byTS[$0]!) } }
    }

    package func start() async throws { try await server.start() }
    package func stop() { server.stop() }

    private func handle(_ request: StandInRequest) -> StandInReply {
        if request.path.hasPrefix("/services/") {
            guard request.path == webhookPath else { return .text(404, "no_service") }
            guard let body = request.json, body.objectValue != nil else { return .text(400, "invalid_payload") }
            let problems = SlackBlockKitRules.problems(inMessage: body)
            if problems.contains("no_text") { return .text(400, "no_text") }
            guard problems.isEmpty else { return .text(400, "invalid_blocks") }
            _ = store(body, ts: nil)
            return .text(200, "ok")
        }
        guard request.path.hasPrefix("/api/") else { return .text(404, "not found") }
        let method = String(request.path.dropFirst("/api/".count))
        guard let authorization = request.headers["authorization"] else { return apiError("not_authed") }
        guard authorization == "Bearer \(botToken)" else { return apiError("invalid_auth") }
        guard request.headers["content-type"]?.hasPrefix("application/json") == true else { return apiError("invalid_arguments") }
        guard let body = request.json, body.objectValue != nil else { return apiError("invalid_json") }
        guard let named = body["channel"]?.stringValue, [channel, channelName, "#" + channelName].contains(named) else {
            return apiError("channel_not_found")
        }
        switch method {
        case "chat.postMessage":
            let problems = SlackBlockKitRules.problems(inMessage: body)
            if problems.contains("no_text") { return apiError("no_text") }
            guard problems.isEmpty else { return apiError("invalid_blocks") }
            if let thread = body["thread_ts"]?.stringValue, messagesBox.withLock({ $0.byTS[thread] == nil }) { return apiError("thread_not_found") }
            let ts = store(body, ts: nil)
            return .json(200, .object(["ok": .bool(true), "channel": .string(channel), "ts": .string(ts), "message": body]))
        case "chat.update":
            guard let ts = body["ts"]?.stringValue, messagesBox.withLock({ $0.byTS[ts] != nil }) else { return apiError("message_not_found") }
            let problems = SlackBlockKitRules.problems(inMessage: body)
            guard problems.isEmpty else { return apiError(problems.contains("no_text") ? "no_text" : "invalid_blocks") }
            _ = store(body, ts: ts)
            return .json(200, .object(["ok": .bool(true), "channel": .string(channel), "ts": .string(ts)]))
        default:
            return apiError("unknown_method")
        }
    }

    private func apiError(_ error: String) -> StandInReply {
        .json(200, .object(["ok": .bool(false), "error": .string(error)]))
    }

    private func store(_ message: JSONValue, ts: String?) -> String {
        messagesBox.withLock { state in
            if let ts {
                state.byTS[ts] = message
                return ts
            }
            state.next += 1
            let ts = String(format: "1750000000.%06d", state.next)
            state.byTS[ts] = message
            state.order.append(ts)
            return ts
        }
    }
}
