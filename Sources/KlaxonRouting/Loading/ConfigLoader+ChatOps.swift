import Foundation
import KlaxonCore
import Yams

/// The `chatops:` section (issue 4).
extension ConfigLoader {
    static func readChatOps(_ node: Node, reader: ConfigReader) -> ChatOpsConfig {
        var config = ChatOpsConfig()
        guard let map = reader.mapping(node, at: ConfigPath.root.key("chatops"), allowed: ["discord", "slack"]) else { return config }
        if let discordNode = map["discord"] { config.discord = readDiscordChatOps(discordNode, at: map.path("discord"), reader: reader) }
        if let slackNode = map["slack"] { config.slack = readSlackChatOps(slackNode, at: map.path("slack"), reader: reader) }
        return config
    }

    private static func readDiscordChatOps(_ node: Node, at path: ConfigPath, reader: ConfigReader) -> ChatOpsConfig.Discord? {
        let allowed = ["public_key", "application_id", "api_url", "allowed_users", "allowed_roles"] + ConfigReader.secretKeys("bot_token")
        guard let map = reader.mapping(node, at: path, allowed: allowed) else { return nil }
        let before = reader.issues.count
        let publicKey = reader.nonEmptyString(map, "public_key")
        if map["public_key"] == nil { reader.report(map.path("public_key"), "missing required key (the application's public key, 64 hex digits)", at: node) }
        if let publicKey, !(publicKey.utf8.count == 64 && publicKey.allSatisfy(\.isHexDigit)) {
            reader.report(map.path("public_key"), "expected 64 hex digits (the Ed25519 public key on the application's page)", at: map["public_key"])
        }
        let applicationID = reader.nonEmptyString(map, "application_id")
        if map["application_id"] == nil { reader.report(map.path("application_id"), "missing required key (the application id)", at: node) }
        if let applicationID, !applicationID.allSatisfy({ $0.isASCII && $0.isNumber }) {
            reader.report(map.path("application_id"), "expected the application's numeric id, got \"\(applicationID.prefix(40))\"", at: map["application_id"])
        }
        var apiURL = ChatOpsConfig.Discord.defaultAPIURL
        if let url = reader.nonEmptyString(map, "api_url") {
            if isChatAPIURL(url) {
                apiURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                reader.report(map.path("api_url"), "expected an http(s) URL", at: map["api_url"])
            }
        }
        let users = reader.stringList(map, "allowed_users", nonEmpty: false) ?? []
        let roles = reader.stringList(map, "allowed_roles", nonEmpty: false) ?? []
        let botToken = reader.secret(map, "bot_token", required: false, references: false)
        guard reader.issues.count == before, let publicKey, let applicationID else { return nil }
        return ChatOpsConfig.Discord(
            publicKey: publicKey.lowercased(), applicationID: applicationID, apiURL: apiURL,
            allowedUsers: users, allowedRoles: roles, botToken: botToken)
    }

    private static func readSlackChatOps(_ node: Node, at path: ConfigPath, reader: ConfigReader) -> ChatOpsConfig.Slack? {
        let allowed = ConfigReader.secretKeys("signing_secret") + ["allowed_users", "response_url_prefixes"]
        guard let map = reader.mapping(node, at: path, allowed: allowed) else { return nil }
        let before = reader.issues.count
        let secret = reader.secret(map, "signing_secret", required: true)
        let users = reader.stringList(map, "allowed_users", nonEmpty: false) ?? []
        let prefixes = reader.stringList(map, "response_url_prefixes", nonEmpty: true) ?? ChatOpsConfig.Slack.defaultResponseURLPrefixes
        for prefix in prefixes where !isResponseURLPrefix(prefix) {
            reader.report(map.path("response_url_prefixes"), "\"\(prefix.prefix(80))\" is not an http(s) URL prefix ending in / (like https://hooks.slack.com/)", at: map["response_url_prefixes"])
        }
        guard reader.issues.count == before, let secret else { return nil }
        return ChatOpsConfig.Slack(signingSecret: secret, allowedUsers: users, responseURLPrefixes: prefixes)
    }

    /// As `SlackResponseURLPolicy.isValidPrefix` (KlaxonChatOps, which this target does not import).
    private static func isResponseURLPrefix(_ text: String) -> Bool {
        guard isChatAPIURL(text), let components = URLComponents(string: text), components.user == nil, components.password == nil,
              components.query == nil, components.fragment == nil
        else { return false }
        return components.path.isEmpty || components.path.hasSuffix("/")
    }

    private static func isChatAPIURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }
}
