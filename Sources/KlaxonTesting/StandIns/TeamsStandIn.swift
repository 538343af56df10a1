import Foundation
import KlaxonCore
import Synchronization

/// A local Microsoft Teams webhook, in one of its two kinds:
///
/// - `incomingWebhook` (the classic connector URL): answers 200 `1`; refuses interactive actions
///   (Action.Submit / Action.Execute), which it cannot carry back, with 400.
/// - `workflows` (a Power Automate "post to a channel when a webhook request is received" URL):
///   answers 202 and silently drops the interactive actions, as Workflows does.
///
/// Both check the envelope and card (``AdaptiveCardRules``) and answer 413 past 28 KB. A 429
/// carries `Retry-After` in whole seconds.
package final class TeamsStandIn: Sendable {
    package enum Kind: Sendable { case incomingWebhook, workflows }

    package let kind: Kind
    package let path: String
    package let server: StandInServer
    private let cardsBox = Mutex<[JSONValue]>([])

    package init(kind: Kind = .incomingWebhook) {
        self.kind = kind
        path = kind == .incomingWebhook
            ? "/webhookb2/\(UUID().uuidString)@\(UUID().uuidString)/IncomingWebhook/\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))/\(UUID().uuidString)"
            : "/workflows/\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))/triggers/manual/paths/invoke"
        server = StandInServer(rateLimitReply: { seconds in
            .text(429, "Too Many Requests", headers: ["Retry-After": String(Int(seconds.rounded(.up)))])
        })
        server.setHandler { [weak self] request in self?.handle(request) ?? .text(503, "stand-in stopped") }
    }

    package var webhookURL: String { server.baseURL + path + (kind == .workflows ? "?api-version=2016-06-01&sig=stand-in-signature" : "") }

    /// The messages accepted, as Teams would show them (Workflows: interactive actions dropped).
    package var accepted: [JSONValue] { cardsBox.withLock { $0 } }

    package func start() async throws { try await server.start() }
    package func stop() { server.stop() }

    private func handle(_ request: StandInRequest) -> StandInReply {
        guard request.method == "POST", request.path == path else { return .text(404, "Not Found") }
        guard request.body.count <= AdaptiveCardRules.maxMessageBytes else {
            return .text(413, "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413")
        }
        guard let message = request.json else { return .text(400, "Bad payload received by generic incoming webhook.") }
        let problems = AdaptiveCardRules.problems(inMessage: message)
        guard problems.isEmpty else { return .text(400, "Bad payload received by generic incoming webhook. " + problems.joined(separator: "; ")) }
        let interactive = AdaptiveCardRules.actionTypes(inMessage: message).filter(AdaptiveCardRules.interactiveActions.contains)
        switch kind {
        case .incomingWebhook:
            guard interactive.isEmpty else { return .text(400, "Bad payload received by generic incoming webhook. \(interactive[0]) is not supported") }
            cardsBox.withLock { $0.append(message) }
            return .text(200, "1")
        case .workflows:
            cardsBox.withLock { $0.append(Self.droppingInteractiveActions(message)) }
            return StandInReply(status: 202)
        }
    }

    private static func droppingInteractiveActions(_ message: JSONValue) -> JSONValue {
        guard var object = message.objectValue, let attachments = object["attachments"]?.arrayValue else { return message }
        object["attachments"] = .array(attachments.map { attachment in
            guard var outer = attachment.objectValue, var card = outer["content"]?.objectValue, let actions = card["actions"]?.arrayValue else { return attachment }
            card["actions"] = .array(actions.filter { !AdaptiveCardRules.interactiveActions.contains($0["type"]?.stringValue ?? "") })
            outer["content"] = .object(card)
            return .object(outer)
        })
        return .object(object)
    }
}
