import Foundation

/// Why `klaxon discord register-commands` could not register the commands. The reason is
/// bounded (safe as a log field); the description says what to do and never holds the token.
package struct DiscordRegistrationError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: String, Sendable {
        case notConfigured = "not_configured"
        case badGuild = "bad_guild"
        case noBotToken = "no_bot_token"
        case unreachable
        case rateLimited = "rate_limited"
        case refused
    }

    package let reason: Reason
    package let description: String

    init(_ reason: Reason, _ description: String) {
        self.reason = reason
        self.description = description
    }

    package static let notConfigured = DiscordRegistrationError(
        .notConfigured, "no chatops.discord section in the config: add public_key and application_id (see docs/chatops.md)")
    package static let badGuild = DiscordRegistrationError(.badGuild, "--guild must be the server's numeric id")

    package static func noBotToken(variable: String) -> DiscordRegistrationError {
        DiscordRegistrationError(.noBotToken, "no bot token: set chatops.discord.bot_token_env (or bot_token_file) or $\(variable)")
    }

    /// `reason` is ``HTTPExchange``'s, which never holds the URL.
    static func unreachable(reason: String) -> DiscordRegistrationError {
        DiscordRegistrationError(.unreachable, "Discord's API could not be reached (\(reason)): check chatops.discord.api_url and the network")
    }

    static func rateLimited(after wait: Duration?) -> DiscordRegistrationError {
        let seconds = wait.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        return DiscordRegistrationError(.rateLimited, "Discord is rate limiting command registration: try again" + (seconds.map { " in \(String(format: "%.1f", $0)) s" } ?? " later"))
    }

    /// `message` is Discord's own error message, cut to 200 characters.
    static func refused(status: Int, message: String?) -> DiscordRegistrationError {
        DiscordRegistrationError(.refused, "Discord refused the commands: HTTP \(status)" + (message.map { ": \($0.prefix(200))" } ?? ""))
    }
}
