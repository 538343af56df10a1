import AsyncHTTPClient
import Foundation
import KlaxonCore
import KlaxonPipeline
import Logging

/// Posts alerts to a Discord channel webhook, as embeds (default) or plain text.
///
/// - Every post uses `?wait=true`, so Discord answers with the message; its id is kept (a
///   ``MessageRefStore``) for the alert's occurrence, and on RESOLVED the original message is edited
///   in place (`PATCH …/messages/{id}`) before a short resolution line is posted.
/// - Limits are met by truncation (``DiscordMessage/applyingLimits()``), never by a refused request.
/// - 429 honours Discord's `retry_after` (``DiscordAnswer``). Paced at 5 requests per 2 s, Discord's
///   per-webhook limit, unless the receiver's `rate_limit` says otherwise (``sendRate``).
/// - Batching (embed style): up to 10 deliveries become one message of one embed each. A message
///   that carries several alerts is never edited later (its id is not kept): editing one embed
///   would mean re-sending the others, whose state Klaxon no longer knows. Their CLOSE posts a new
///   resolved embed instead. See docs/adr/0020-discord-edit-in-place-and-batching.md.
/// - Reasons never contain the webhook URL. The URL is a ``Secret`` resolved at each send; one
///   given by ARN that cannot be fetched makes the send retryable.
package struct DiscordNotifier: BatchingNotifier {
    package let name: String
    private let url: Secret
    private let builder: DiscordMessageBuilder
    private let exchange: HTTPExchange
    private let clock: any WallClock
    private let refs: (any MessageRefStore)?
    private let editOnResolve: Bool
    private let logger: Logger
    package let sendRate: SendRate?

    /// Discord's webhook limit: 5 requests per 2 seconds.
    package static let webhookRate = SendRate(count: 5, per: .seconds(2))

    package init(
        name: String, url: Secret, builder: DiscordMessageBuilder, editOnResolve: Bool, refs: (any MessageRefStore)?,
        client: HTTPClient, timeout: Duration = .seconds(10), clock: any WallClock, sendRate: SendRate? = DiscordNotifier.webhookRate,
        logger: Logger = Logger(label: "klaxon.notifier.discord")
    ) {
        self.logger = logger
        self.sendRate = sendRate
        self.name = name
        self.url = url
        self.builder = builder
        self.editOnResolve = editOnResolve
        self.refs = refs
        self.exchange = HTTPExchange(client: client, timeout: timeout)
        self.clock = clock
    }

    /// With the webhook URL given as text.
    package init(
        name: String, url: String, builder: DiscordMessageBuilder, editOnResolve: Bool, refs: (any MessageRefStore)?,
        client: HTTPClient, timeout: Duration = .seconds(10), clock: any WallClock, sendRate: SendRate? = DiscordNotifier.webhookRate,
        logger: Logger = Logger(label: "klaxon.notifier.discord")
    ) {
        self.init(
            name: name, url: Secret(url), builder: builder, editOnResolve: editOnResolve, refs: refs, client: client, timeout: timeout, clock: clock,
            sendRate: sendRate, logger: logger)
    }

    /// 10 embeds per message; plain messages are one alert each.
    package var maxBatch: Int { builder.style == .embed ? DiscordLimits.embedsPerMessage : 1 }

    package func send(_ delivery: Delivery) async -> DeliveryOutcome {
        await send(batch: [delivery])
    }

    package func send(batch: [Delivery]) async -> DeliveryOutcome {
        guard !batch.isEmpty else { return .ok }
        let url: String
        do {
            url = try await self.url.resolve()
        } catch {
            return .retryable(after: nil, reason: error.description)
        }
        // 1. Edit the originals of the resolved alerts that have one.
        var edited: [Delivery] = []
        if editOnResolve, let refs {
            for delivery in batch where delivery.action == .close {
                guard let id = try? await refs.messageRef(receiver: name, fingerprint: delivery.fingerprint, occurrence: delivery.occurrence) else { continue }
                let body = builder.edit(for: delivery).json.serialized()
                switch await exchange.send("PATCH", url: Self.url(url, messageID: id, wait: false), body: body) {
                case .failure(let failure):
                    return .retryable(after: nil, reason: failure.reason)
                case .success(let answer):
                    let outcome = DiscordAnswer.outcome(answer, now: clock.now())
                    switch outcome {
                    case .ok: edited.append(delivery)
                    case .retryable: return outcome
                    // Deleted by someone, or refused: post the resolved message anew instead.
                    case .permanent: continue
                    }
                }
            }
        }
        // 2. Post one message: the others' embeds, with the edited ones' resolution lines as content.
        let editedKeys = Set(edited.map(\.idempotencyKey))
        let rest = batch.filter { !editedKeys.contains($0.idempotencyKey) }
        var message: DiscordMessage
        if rest.isEmpty {
            message = builder.resolutionLine(for: edited)
        } else {
            message = builder.message(for: rest)
            if !edited.isEmpty {
                message.content = builder.resolutionLine(for: edited).content
                message = message.applyingLimits()
            }
        }
        let answer: HTTPExchange.Answer
        switch await exchange.send("POST", url: Self.url(url, messageID: nil, wait: true), body: message.json.serialized()) {
        case .failure(let failure): return .retryable(after: nil, reason: failure.reason)
        case .success(let value): answer = value
        }
        let outcome = DiscordAnswer.outcome(answer, now: clock.now())
        // 3. Keep the id of a message that carries exactly one new alert, for its later edit.
        if outcome == .ok, editOnResolve, let refs, rest.count == 1, edited.isEmpty, let only = rest.first,
           only.action == .create, let id = DiscordAnswer.messageID(answer.body) {
            do {
                try await refs.setMessageRef(receiver: name, fingerprint: only.fingerprint, occurrence: only.occurrence, ref: id, at: clock.now())
            } catch {
                // Delivered all the same; only the later edit in place is lost (the RESOLVED posts anew).
                logger.warning("message ref not stored", metadata: [
                    "step": "message_ref_failed", "receiver": "\(name)", "fingerprint": "\(only.fingerprint)", "error": "\(type(of: error))",
                ])
            }
        }
        return outcome
    }

    /// The webhook URL with `/messages/{id}` appended to its path and `wait=true` added to its
    /// query (an existing query such as `thread_id` is kept).
    package static func url(_ base: String, messageID: String?, wait: Bool) -> String {
        guard var components = URLComponents(string: base) else { return base }
        if let messageID {
            var path = components.path
            if path.hasSuffix("/") { path.removeLast() }
            components.path = path + "/messages/" + messageID
        }
        if wait {
            var items = components.queryItems ?? []
            items.removeAll { $0.name == "wait" }
            items.append(URLQueryItem(name: "wait", value: "true"))
            components.queryItems = items
        }
        return components.string ?? base
    }
}
