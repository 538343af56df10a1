import AsyncHTTPClient
import Foundation
import KlaxonChatOps
import KlaxonCore
import KlaxonNotifiers
import KlaxonRouting

/// `klaxon discord register-commands`: bulk-overwrites the application's slash commands with
/// ``DiscordCommandCatalog`` — `PUT /applications/{application_id}/commands`, or
/// `/applications/{application_id}/guilds/{guild_id}/commands` for one server (instant, where
/// global commands can take a while to appear).
///
/// Spec: https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
/// The bot token comes from `chatops.discord.bot_token[_env|_file]`, else `$DISCORD_BOT_TOKEN`;
/// it is sent as `Authorization: Bot …` and never printed.
package struct DiscordCommandRegistration: Sendable {
    package static let tokenVariable = "DISCORD_BOT_TOKEN"

    package struct Plan: Sendable, Equatable {
        package var url: String
        package var body: String

        package init(url: String, body: String) {
            self.url = url
            self.body = body
        }
    }

    package let discord: ChatOpsConfig.Discord

    package init(config: KlaxonConfig) throws(DiscordRegistrationError) {
        guard let discord = config.chatops.discord else { throw .notConfigured }
        self.discord = discord
    }

    /// The request to make (its URL holds ids only, no token).
    package func plan(guild: String?) throws(DiscordRegistrationError) -> Plan {
        var path = "/applications/\(discord.applicationID)"
        if let guild {
            guard !guild.isEmpty, guild.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .badGuild }
            path += "/guilds/\(guild)"
        }
        return Plan(url: discord.apiURL + path + "/commands", body: DiscordCommandCatalog.json)
    }

    /// The bot token, from the config or the environment.
    package func botToken(environment: [String: String]) throws(DiscordRegistrationError) -> Secret {
        if let token = discord.botToken { return token }
        if let value = environment[Self.tokenVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
            return Secret(value)
        }
        throw .noBotToken(variable: Self.tokenVariable)
    }

    /// Sends the plan. Returns how many commands Discord now has; throws with Discord's status
    /// and message (never the token) when it refuses.
    package func send(_ plan: Plan, token: Secret, client: HTTPClient = .shared) async throws(DiscordRegistrationError) -> Int {
        let headers = [("Authorization", "Bot \(token.value)"), ("User-Agent", ChatFollowUps.discordUserAgent)]
        let answer: HTTPExchange.Answer
        switch await HTTPExchange(client: client, timeout: .seconds(30)).send("PUT", url: plan.url, body: Data(plan.body.utf8), headers: headers) {
        case .failure(let failure): throw .unreachable(reason: failure.reason)
        case .success(let value): answer = value
        }
        if answer.status == 429 {
            // Read as the notifiers read it: the body's fractional retry_after first.
            throw .rateLimited(after: DiscordAnswer.retryAfter(answer, now: Date()))
        }
        guard (200..<300).contains(answer.status) else {
            let message = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["message"] as? String
            throw .refused(status: answer.status, message: message)
        }
        return ((try? JSONSerialization.jsonObject(with: answer.body)) as? [Any])?.count ?? 0
    }
}
