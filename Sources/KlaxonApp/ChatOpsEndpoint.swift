import Foundation
import KlaxonChatOps
import KlaxonCore
import KlaxonRouting
import Logging

/// The chat edge: bytes and headers in, status and bytes out. Verification, parsing and the
/// commands are KlaxonChatOps'; this only wires them, starts follow-ups, and logs the steps.
package struct ChatOpsEndpoint: Sendable {
    package static let bodyLimit = 64 * 1024

    package struct Discord: Sendable {
        let verifier: DiscordVerifier
        let handler: ChatOpsHandler
        let apiURL: String
        let applicationID: String
    }

    package struct Slack: Sendable {
        /// Resolved at each request (a reference is fetched through the resolver's cache).
        let signingSecret: Secret
        let handler: ChatOpsHandler
        let responseURLs: SlackResponseURLPolicy
    }

    package let discord: Discord?
    package let slack: Slack?
    let clock: any WallClock
    let logger: Logger
    package let followUps: ChatFollowUps

    /// Nil when `config` configures neither platform. A Discord key that does not decode was
    /// refused by the config loader already; it is checked again here rather than trusted.
    package init?(config: ChatOpsConfig, storage: any Storage, clock: any WallClock, costSource: (any CostSource)?, followUps: ChatFollowUps, logger: Logger) {
        var discord: Discord?
        if let settings = config.discord, let verifier = DiscordVerifier(publicKeyHex: settings.publicKey) {
            let handler = ChatOpsHandler(
                storage: storage, clock: clock,
                permissions: ChatPermissions(allowedUsers: settings.allowedUsers, allowedRoles: settings.allowedRoles), costSource: costSource)
            discord = Discord(verifier: verifier, handler: handler, apiURL: settings.apiURL, applicationID: settings.applicationID)
        }
        var slack: Slack?
        if let settings = config.slack {
            let handler = ChatOpsHandler(
                storage: storage, clock: clock, permissions: ChatPermissions(allowedUsers: settings.allowedUsers), costSource: costSource)
            slack = Slack(
                signingSecret: settings.signingSecret, handler: handler,
                responseURLs: SlackResponseURLPolicy(prefixes: settings.responseURLPrefixes))
        }
        guard discord != nil || slack != nil else { return nil }
        self.discord = discord
        self.slack = slack
        self.clock = clock
        self.logger = logger
        self.followUps = followUps
    }

    static let unauthorized = IntakeEndpoint.Reply(status: 401, body: #"{"error":"invalid request signature"}"#)

    static func badRequest(_ error: any Error) -> IntakeEndpoint.Reply {
        let message = (error as? ChatParseError)?.description ?? "the body could not be read"
        return IntakeEndpoint.Reply(status: 400, body: ChatJSON.encode(["error": message]))
    }

    static func reason(_ error: any Error) -> String {
        (error as? ChatAuthError)?.reason.rawValue ?? "unknown"
    }

    /// `POST /discord/interactions`.
    package func discordInteraction(signature: String?, timestamp: String?, body: Data) async -> IntakeEndpoint.Reply {
        guard let discord else { return Self.unauthorized }
        do {
            try discord.verifier.verify(signature: signature, timestamp: timestamp, body: body, now: clock.now())
        } catch {
            logger.notice("discord request refused", metadata: ["step": "chat_refused", "platform": "discord", "reason": "\(Self.reason(error))"])
            return Self.unauthorized
        }
        let interaction: DiscordInteraction
        do {
            interaction = try DiscordInteraction.parse(body)
        } catch {
            return Self.badRequest(error)
        }
        switch interaction {
        case .ping:
            return IntakeEndpoint.Reply(status: 200, body: DiscordResponse.pong)
        case .request(let request, _, let token):
            let result = await discord.handler.handle(request)
            log(result, request: request)
            switch result.outcome {
            case .reply(let reply):
                return IntakeEndpoint.Reply(status: 200, body: DiscordResponse.message(reply))
            case .deferred(_, .statusReport):
                let handler = discord.handler
                let followUps = self.followUps
                let apiURL = discord.apiURL
                let applicationID = discord.applicationID
                followUps.tracker.start {
                    let report = await handler.statusReport()
                    await followUps.editDiscordOriginal(apiURL: apiURL, applicationID: applicationID, token: token, text: report)
                }
                return IntakeEndpoint.Reply(status: 200, body: DiscordResponse.deferred())
            }
        }
    }

    /// `POST /slack/commands` (`interaction == false`) and `POST /slack/interactions`.
    package func slackRequest(signature: String?, timestamp: String?, body: Data, interaction: Bool) async -> IntakeEndpoint.Reply {
        guard let slack else { return Self.unauthorized }
        if !interaction, SlackRequest.isSSLCheck(body) { return IntakeEndpoint.Reply(status: 200, body: "") }
        let signingSecret: String
        do {
            signingSecret = try await slack.signingSecret.resolve()
        } catch {
            // The request may be genuine: 503 lets Slack show a failure instead of a refusal.
            logger.warning("slack signing secret unavailable", metadata: ["step": "chat_secret_unavailable", "platform": "slack", "error": "\(error)"])
            return IntakeEndpoint.Reply(status: 503, body: #"{"error":"the signing secret could not be fetched; retry later"}"#)
        }
        do {
            try SlackVerifier(signingSecret: signingSecret).verify(signature: signature, timestamp: timestamp, body: body, now: clock.now())
        } catch {
            logger.notice("slack request refused", metadata: ["step": "chat_refused", "platform": "slack", "reason": "\(Self.reason(error))"])
            return Self.unauthorized
        }
        let parsed: SlackRequest
        do {
            parsed = interaction ? try SlackRequest.parseInteraction(body) : try SlackRequest.parseCommand(body)
        } catch {
            return Self.badRequest(error)
        }
        let result = await slack.handler.handle(parsed.request)
        log(result, request: parsed.request)
        // Follow-ups go only to allowed hosts; otherwise the answer is inline (the URL is not logged).
        let responseURL = parsed.responseURL.flatMap { url -> String? in
            guard slack.responseURLs.allows(url) else {
                logger.warning("slack response_url refused", metadata: ["step": "chat_followup_refused", "reason": "response_url_not_allowed"])
                return nil
            }
            return url
        }
        switch result.outcome {
        case .reply(let reply):
            // A button click answers through response_url so the alert message stays as it is.
            if interaction, let url = responseURL {
                let followUps = self.followUps
                followUps.tracker.start { await followUps.postSlack(responseURL: url, reply: reply) }
                return IntakeEndpoint.Reply(status: 200, body: "")
            }
            return IntakeEndpoint.Reply(status: 200, body: SlackResponse.message(reply))
        case .deferred(_, .statusReport):
            let handler = slack.handler
            guard let url = responseURL else {
                return IntakeEndpoint.Reply(status: 200, body: SlackResponse.message(ChatReply(await handler.statusReport())))
            }
            let followUps = self.followUps
            followUps.tracker.start { await followUps.postSlack(responseURL: url, reply: ChatReply(await handler.statusReport())) }
            return IntakeEndpoint.Reply(status: 200, body: SlackResponse.message(ChatReply("Building the status report…", ephemeral: true)))
        }
    }

    /// The steps the handler took (`alert_muted` {duration, muted_until, by}, `alert_unmuted`
    /// {by}, `silence_added`, `alert_acknowledged`), as log lines.
    func log(_ result: ChatOpsHandler.ChatResult, request: ChatRequest) {
        for entry in result.logSteps {
            var metadata: Logger.Metadata = ["step": "\(entry.step)", "platform": "\(request.actor.platform.rawValue)"]
            for (key, value) in entry.detail { metadata[key] = "\(value)" }
            if let fingerprint = entry.fingerprint { metadata["fingerprint"] = "\(fingerprint)" }
            logger.info("chat command", metadata: metadata)
        }
    }
}
