import KlaxonCore

/// The `chatops:` section: run Klaxon from Discord and Slack (see docs/chatops.md).
///
/// ```yaml
/// chatops:
///   discord:
///     public_key: "<hex Ed25519 public key>"
///     application_id: "123"
///     api_url: https://discord.com/api/v10   # overridable for a stand-in
///     allowed_users: ["<user id>"]           # empty or absent: everyone in the channel
///     allowed_roles: ["<role id>"]
///     bot_token_env: DISCORD_BOT_TOKEN        # only for `klaxon discord register-commands`
///   slack:
///     signing_secret_env: SLACK_SIGNING_SECRET
///     allowed_users: ["U123"]
///     response_url_prefixes: ["https://hooks.slack.com/"]   # the default
/// ```
package struct ChatOpsConfig: Sendable, Equatable {
    package struct Discord: Sendable, Equatable {
        package static let defaultAPIURL = "https://discord.com/api/v10"

        /// 64 hex digits: the application's Ed25519 public key (not a secret).
        package var publicKey: String
        /// Digits: the application's snowflake id.
        package var applicationID: String
        /// The REST API base, without a trailing slash.
        package var apiURL: String
        package var allowedUsers: [String]
        package var allowedRoles: [String]
        /// The bot token `register-commands` authenticates with; nil when not configured.
        package var botToken: Secret?

        package init(
            publicKey: String, applicationID: String, apiURL: String = Discord.defaultAPIURL,
            allowedUsers: [String] = [], allowedRoles: [String] = [], botToken: Secret? = nil
        ) {
            self.publicKey = publicKey
            self.applicationID = applicationID
            self.apiURL = apiURL
            self.allowedUsers = allowedUsers
            self.allowedRoles = allowedRoles
            self.botToken = botToken
        }
    }

    package struct Slack: Sendable, Equatable {
        package static let defaultResponseURLPrefixes = ["https://hooks.slack.com/"]

        package var signingSecret: Secret
        package var allowedUsers: [String]
        /// Where `response_url` follow-ups may go (scheme, host, optional port, path prefix).
        package var responseURLPrefixes: [String]

        package init(signingSecret: Secret, allowedUsers: [String] = [], responseURLPrefixes: [String] = Slack.defaultResponseURLPrefixes) {
            self.signingSecret = signingSecret
            self.allowedUsers = allowedUsers
            self.responseURLPrefixes = responseURLPrefixes
        }
    }

    package var discord: Discord?
    package var slack: Slack?

    package init(discord: Discord? = nil, slack: Slack? = nil) {
        self.discord = discord
        self.slack = slack
    }
}
