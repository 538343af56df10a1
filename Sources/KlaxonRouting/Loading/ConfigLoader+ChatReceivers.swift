import Foundation
import KlaxonCore
import Mustache
import Yams

// The chat receivers: `discord:`, `slack:`, `teams:`. Secrets (webhook URLs, bot tokens) are read
// by reference like every other secret (`webhook_url_env: NAME`, `webhook_url_file: path`) and never
// echoed in an issue.
extension ConfigLoader {
    static let discordKeys = ConfigReader.secretKeys("webhook_url")
        + ["style", "username", "avatar_url", "edit_on_resolve", "buttons", "timeout", "template", "rate_limit"]
    static let slackKeys = ConfigReader.secretKeys("webhook_url") + ConfigReader.secretKeys("bot_token")
        + ["channel", "api_url", "buttons", "edit_on_resolve", "timeout", "template"]
    static let teamsKeys = ConfigReader.secretKeys("webhook_url") + ["timeout", "template"]

    static func readDiscord(_ map: ConfigMapping, reader: ConfigReader) -> DiscordReceiverConfig? {
        let issuesBefore = reader.issues.count
        let url = webhookURL(map, reader: reader, required: true)
        let style = reader.choice(map, "style", as: DiscordReceiverConfig.Style.self) ?? .embed
        let username = reader.nonEmptyString(map, "username")
        // Discord: 1–80 characters, and the words "clyde" and "discord" are refused.
        if let username, let node = map["username"] {
            if username.count > 80 { reader.report(map.path("username"), "must be at most 80 characters (Discord's limit)", at: node) }
            let lowered = username.lowercased()
            if lowered.contains("clyde") || lowered.contains("discord") {
                reader.report(map.path("username"), "Discord refuses usernames containing \"clyde\" or \"discord\"", at: node)
            }
        }
        let avatar = reader.nonEmptyString(map, "avatar_url")
        if let avatar, !isHTTPURL(avatar) { reader.report(map.path("avatar_url"), "not an http(s) URL", at: map["avatar_url"]) }
        let edit = reader.bool(map, "edit_on_resolve") ?? true
        let buttons = reader.bool(map, "buttons") ?? false
        let timeout = reader.duration(map, "timeout") ?? DiscordReceiverConfig.defaultTimeout
        let template = readTemplate(map, parts: DiscordReceiverConfig.templateParts, reader: reader)
        let rateLimit = reader.rateLimit(map, "rate_limit") ?? .platformDefault
        guard let url, reader.issues.count == issuesBefore else { return nil }
        var config = DiscordReceiverConfig(
            webhookURL: url, style: style, username: username, avatarURL: avatar, editOnResolve: edit, buttons: buttons,
            timeout: timeout, template: template)
        config.rateLimit = rateLimit
        return config
    }

    static func readSlack(_ map: ConfigMapping, reader: ConfigReader) -> SlackReceiverConfig? {
        let issuesBefore = reader.issues.count
        let hasWebhook = ConfigReader.secretKeys("webhook_url").contains(where: map.has)
        let hasToken = ConfigReader.secretKeys("bot_token").contains(where: map.has)
        var transport: SlackReceiverConfig.Transport?
        switch (hasWebhook, hasToken) {
        case (true, true):
            reader.report(map.path, "give either webhook_url (incoming webhook) or bot_token + channel (Web API), not both", at: map.node)
        case (false, false):
            reader.report(map.path("webhook_url"), "missing required key (webhook_url / webhook_url_env / webhook_url_file, or bot_token_env + channel)", at: map.node)
        case (true, false):
            if let url = webhookURL(map, reader: reader, required: true) { transport = .webhook(url: url) }
            for key in ["channel", "api_url"] where map.has(key) {
                reader.report(map.path(key), "only used with bot_token (the Web API); an incoming webhook posts to its own channel", at: map[key])
            }
        case (false, true):
            let token = reader.secret(map, "bot_token", required: true)
            let channel = reader.nonEmptyString(map, "channel")
            if channel == nil, !map.has("channel") {
                reader.report(map.path("channel"), "missing required key (a channel id such as C0123456789, needed with bot_token)", at: map.node)
            }
            let apiURL = reader.nonEmptyString(map, "api_url") ?? SlackReceiverConfig.defaultAPIURL
            if !isHTTPURL(apiURL) { reader.report(map.path("api_url"), "not an http(s) URL", at: map["api_url"]) }
            if let token, let channel {
                transport = .webAPI(apiURL: apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL, token: token, channel: channel)
            }
        }
        let buttons = reader.bool(map, "buttons") ?? true
        let edit = reader.bool(map, "edit_on_resolve") ?? true
        let timeout = reader.duration(map, "timeout") ?? SlackReceiverConfig.defaultTimeout
        let template = readTemplate(map, parts: SlackReceiverConfig.templateParts, reader: reader)
        guard let transport, reader.issues.count == issuesBefore else { return nil }
        return SlackReceiverConfig(transport: transport, buttons: buttons, editOnResolve: edit, timeout: timeout, template: template)
    }

    static func readTeams(_ map: ConfigMapping, reader: ConfigReader) -> TeamsReceiverConfig? {
        let issuesBefore = reader.issues.count
        let url = webhookURL(map, reader: reader, required: true)
        let timeout = reader.duration(map, "timeout") ?? TeamsReceiverConfig.defaultTimeout
        let template = readTemplate(map, parts: TeamsReceiverConfig.templateParts, reader: reader)
        guard let url, reader.issues.count == issuesBefore else { return nil }
        return TeamsReceiverConfig(webhookURL: url, timeout: timeout, template: template)
    }

    /// `webhook_url` (or `_env` / `_file`), which must be an http(s) URL. The URL is never echoed.
    private static func webhookURL(_ map: ConfigMapping, reader: ConfigReader, required: Bool) -> Secret? {
        guard let url = reader.secret(map, "webhook_url", required: required) else { return nil }
        guard url.reference != nil || isHTTPURL(url.value) else {
            let key = ConfigReader.secretKeys("webhook_url").first(where: map.has) ?? "webhook_url"
            reader.report(map.path(key), "not an http(s) URL", at: map[key])
            return nil
        }
        return url
    }

    /// `template:` — a mapping of part name → Mustache text, or `<part>_file: path`. Every part must
    /// be one the receiver renders and must parse.
    static func readTemplate(_ map: ConfigMapping, parts: [String], reader: ConfigReader) -> TemplateOverrides {
        guard let node = map["template"] else { return TemplateOverrides() }
        let path = map.path("template")
        let allowed = parts + parts.map { $0 + "_file" }
        guard let mapping = reader.mapping(node, at: path, allowed: allowed) else { return TemplateOverrides() }
        var result: [String: String] = [:]
        for part in parts {
            let inline = mapping.has(part), fromFile = mapping.has(part + "_file")
            if inline && fromFile {
                reader.report(path, "give only one of \(part), \(part)_file", at: node)
                continue
            }
            let key = inline ? part : part + "_file"
            guard inline || fromFile, let valueNode = mapping[key], let value = reader.string(valueNode, at: path.key(key)) else { continue }
            var text = value
            if fromFile {
                do {
                    text = try reader.readFile(value)
                } catch {
                    reader.report(path.key(key), "cannot read file \"\(value)\" (\(type(of: error)))", at: valueNode)
                    continue
                }
            }
            do {
                _ = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                reader.report(path.key(key), "not a valid Mustache template: \(error.error) at line \(error.context.lineNumber), column \(error.context.columnNumber)", at: valueNode)
                continue
            } catch {
                reader.report(path.key(key), "not a valid Mustache template (\(type(of: error)))", at: valueNode)
                continue
            }
            result[part] = text
        }
        return TemplateOverrides(result)
    }
}
