import AsyncHTTPClient
import Foundation
import KlaxonCore
import KlaxonPipeline
import Logging

/// Posts Block Kit messages to Slack, through an incoming webhook or the Web API.
///
/// - Webhook: POST the message to the webhook URL. Slack cannot edit a webhook's message, so a
///   RESOLVED posts a new, green message.
/// - Web API (bot token): `chat.postMessage` to the channel; the answer's `channel` and `ts` are
///   kept (``MessageRefStore``). COMMENTs reply in the original's thread; on RESOLVED the original
///   is replaced with `chat.update` (buttons removed) and a short resolution line goes to the
///   thread. A gone original (`message_not_found`) falls back to a new message.
/// - Paced at 1 request per second (Slack's posting limit per channel). 429 and `ratelimited`
///   honour `Retry-After`; reasons never hold the URL or the token.
/// - The webhook URL and the bot token are ``Secret``s resolved at each send; one given by ARN
///   that cannot be fetched makes the send retryable.
package struct SlackNotifier: Notifier {
    package enum Transport: Sendable {
        case webhook(url: Secret)
        /// `baseURL` is `https://slack.com/api` (or a stand-in's).
        case webAPI(baseURL: String, token: Secret, channel: String)
    }

    package let name: String
    private let transport: Transport
    private let builder: SlackMessageBuilder
    private let editOnResolve: Bool
    private let refs: (any MessageRefStore)?
    private let exchange: HTTPExchange
    private let clock: any WallClock
    private let logger: Logger

    package init(
        name: String, transport: Transport, builder: SlackMessageBuilder, editOnResolve: Bool, refs: (any MessageRefStore)?,
        client: HTTPClient, timeout: Duration = .seconds(10), clock: any WallClock, logger: Logger = Logger(label: "klaxon.notifier.slack")
    ) {
        self.logger = logger
        self.name = name
        self.transport = transport
        self.builder = builder
        self.editOnResolve = editOnResolve
        self.refs = refs
        self.exchange = HTTPExchange(client: client, timeout: timeout)
        self.clock = clock
    }

    package var sendRate: SendRate? { SendRate(count: 1, per: .seconds(1)) }

    /// The body of the first request a delivery makes when no original message is known (what
    /// `klaxon template preview` prints).
    package func previewBody(for delivery: Delivery) -> Data {
        switch transport {
        case .webhook: return JSONValue.object(builder.message(for: delivery)).serialized()
        case .webAPI(_, _, let channel):
            var body = builder.message(for: delivery)
            body["channel"] = .string(channel)
            body["unfurl_links"] = .bool(false)
            return JSONValue.object(body).serialized()
        }
    }

    package func send(_ delivery: Delivery) async -> DeliveryOutcome {
        switch transport {
        case .webhook(let secretURL):
            let url: String
            do {
                url = try await secretURL.resolve()
            } catch {
                return .retryable(after: nil, reason: error.description)
            }
            switch await exchange.send("POST", url: url, body: previewBody(for: delivery)) {
            case .failure(let failure): return .retryable(after: nil, reason: failure.reason)
            case .success(let answer): return SlackAnswer.webhookOutcome(answer, now: clock.now())
            }
        case .webAPI(let baseURL, let secretToken, let channel):
            let token: String
            do {
                token = try await secretToken.resolve()
            } catch {
                return .retryable(after: nil, reason: error.description)
            }
            return await sendWebAPI(delivery, baseURL: baseURL, token: token, channel: channel)
        }
    }

    private func sendWebAPI(_ delivery: Delivery, baseURL: String, token: String, channel: String) async -> DeliveryOutcome {
        let original = try? await refs?.messageRef(receiver: name, fingerprint: delivery.fingerprint, occurrence: delivery.occurrence)
        let parts = original?.split(separator: "|", maxSplits: 1).map(String.init)
        let originalChannel = parts?.count == 2 ? parts?[0] : nil
        let originalTS = parts?.count == 2 ? parts?[1] : nil
        if delivery.action == .close, editOnResolve, let originalChannel, let originalTS {
            var update = builder.message(for: delivery, withButtons: false)
            update["channel"] = .string(originalChannel)
            update["ts"] = .string(originalTS)
            let updated = await call("chat.update", update, baseURL: baseURL, token: token)
            if updated.outcome == .ok {
                let line: [String: JSONValue] = [
                    "channel": .string(originalChannel), "thread_ts": .string(originalTS), "text": .string(builder.resolutionLine(for: delivery)),
                ]
                let posted = await call("chat.postMessage", line, baseURL: baseURL, token: token).outcome
                // The original already shows the resolution: a line that can never be posted must
                // not dead-letter the delivery (a retryable one is retried; the update repeats harmlessly).
                if case .permanent(let reason) = posted {
                    logger.warning("slack resolution line lost", metadata: [
                        "step": "resolution_line_failed", "receiver": "\(name)", "fingerprint": "\(delivery.fingerprint)", "reason": "\(reason)",
                    ])
                    return .ok
                }
                return posted
            }
            // The original is gone or can no longer be edited: post the resolved message anew.
            guard ["message_not_found", "cant_update_message", "edit_window_closed"].contains(updated.error ?? "") else { return updated.outcome }
        }
        var body = builder.message(for: delivery)
        body["channel"] = .string(channel)
        body["unfurl_links"] = .bool(false)
        // Slack answers with the channel's id even when `channel` is configured as a name, so the
        // stored ref's channel is where the thread lives.
        if delivery.action == .comment, let originalChannel, let originalTS {
            body["channel"] = .string(originalChannel)
            body["thread_ts"] = .string(originalTS)
        }
        let posted = await call("chat.postMessage", body, baseURL: baseURL, token: token)
        if posted.outcome == .ok, delivery.action == .create, let refs, let ts = posted.ts {
            do {
                try await refs.setMessageRef(receiver: name, fingerprint: delivery.fingerprint, occurrence: delivery.occurrence,
                                             ref: "\(posted.channel ?? channel)|\(ts)", at: clock.now())
            } catch {
                // Delivered all the same; COMMENTs will not thread and the RESOLVED posts anew.
                logger.warning("message ref not stored", metadata: [
                    "step": "message_ref_failed", "receiver": "\(name)", "fingerprint": "\(delivery.fingerprint)", "error": "\(type(of: error))",
                ])
            }
        }
        return posted.outcome
    }

    private func call(_ method: String, _ body: [String: JSONValue], baseURL: String, token: String) async
        -> (outcome: DeliveryOutcome, channel: String?, ts: String?, error: String?) {
        let headers = [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json; charset=utf-8")]
        switch await exchange.send("POST", url: "\(baseURL)/\(method)", body: JSONValue.object(body).serialized(), headers: headers) {
        case .failure(let failure): return (.retryable(after: nil, reason: failure.reason), nil, nil, nil)
        case .success(let answer): return SlackAnswer.apiOutcome(answer, now: clock.now())
        }
    }
}
