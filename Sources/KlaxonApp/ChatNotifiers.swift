import AsyncHTTPClient
import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonRouting

/// Builds the chat notifiers (Discord, Slack, Teams) from their receiver configs, and previews the
/// bodies they would send (`klaxon template preview`).
package enum ChatNotifiers {
    static func discord(_ name: String, _ discord: DiscordReceiverConfig, client: HTTPClient, clock: any WallClock, refs: (any MessageRefStore)?) -> any Notifier {
        DiscordNotifier(
            name: name, url: discord.webhookURL, builder: discordBuilder(discord), editOnResolve: discord.editOnResolve,
            refs: refs, client: client, timeout: discord.timeout, clock: clock, sendRate: sendRate(discord.rateLimit, platform: DiscordNotifier.webhookRate))
    }

    /// The pace a receiver's `rate_limit` asks for.
    static func sendRate(_ setting: RateLimitSetting, platform: SendRate) -> SendRate? {
        switch setting {
        case .platformDefault: platform
        case .off: nil
        case .every(let count, let per): SendRate(count: count, per: per)
        }
    }

    static func slack(_ name: String, _ slack: SlackReceiverConfig, client: HTTPClient, clock: any WallClock, refs: (any MessageRefStore)?) -> any Notifier {
        let transport: SlackNotifier.Transport
        switch slack.transport {
        case .webhook(let url): transport = .webhook(url: url)
        case .webAPI(let apiURL, let token, let channel): transport = .webAPI(baseURL: apiURL, token: token, channel: channel)
        }
        return SlackNotifier(
            name: name, transport: transport, builder: slackBuilder(slack), editOnResolve: slack.editOnResolve, refs: refs,
            client: client, timeout: slack.timeout, clock: clock)
    }

    static func teams(_ name: String, _ teams: TeamsReceiverConfig, client: HTTPClient, clock: any WallClock) -> any Notifier {
        TeamsNotifier(name: name, url: teams.webhookURL, builder: teamsBuilder(teams), client: client, timeout: teams.timeout, clock: clock)
    }

    /// Exactly the body of the first request the receiver would send for `delivery`, as if no
    /// earlier message of the alert were known (a fresh database). Nil for a receiver kind that
    /// sends nothing over HTTP.
    package static func previewBody(_ receiver: ReceiverConfig, delivery: Delivery) -> Data? {
        switch receiver.kind {
        case .discord(let discord): return discordBuilder(discord).message(for: delivery).json.serialized()
        case .slack(let slack):
            let transport: SlackNotifier.Transport
            switch slack.transport {
            case .webhook: transport = .webhook(url: Secret(""))
            case .webAPI(_, _, let channel): transport = .webAPI(baseURL: "", token: Secret(""), channel: channel)
            }
            let notifier = SlackNotifier(name: receiver.name, transport: transport, builder: slackBuilder(slack), editOnResolve: false, refs: nil,
                                         client: .shared, clock: SystemWallClock())
            return notifier.previewBody(for: delivery)
        case .teams(let teams): return teamsBuilder(teams).body(for: delivery)
        case .github(let github): return GitHubNotifier.firstRequestBody(for: delivery, templates: gitHubTemplates(github))
        case .sns(let sns):
            // SNS Publish is a signed form post; what it carries is the subject and the message.
            let publication = SNSPublication(topicARN: sns.topicARN, delivery: delivery)
            return Data("Subject: \(publication.subject)\n\n\(publication.message)".utf8)
        case .webhook: return try? WebhookNotifier.body(for: delivery)
        case .console(let console): return Data(ConsoleNotifier.line(for: delivery, format: console.format == .json ? .json : .text).utf8)
        }
    }

    static func discordBuilder(_ config: DiscordReceiverConfig) -> DiscordMessageBuilder {
        DiscordMessageBuilder(
            style: config.style == .plain ? .plain : .embed, templates: templates(DiscordTemplates.defaults, config.template),
            username: config.username, avatarURL: config.avatarURL, buttons: config.buttons)
    }

    static func slackBuilder(_ config: SlackReceiverConfig) -> SlackMessageBuilder {
        SlackMessageBuilder(templates: templates(SlackTemplates.defaults, config.template), buttons: config.buttons)
    }

    static func teamsBuilder(_ config: TeamsReceiverConfig) -> TeamsCardBuilder {
        TeamsCardBuilder(templates: templates(TeamsTemplates.defaults, config.template))
    }

    static func gitHubTemplates(_ config: GitHubReceiverConfig) -> MessageTemplates {
        templates(GitHubTemplates.defaults, config.template)
    }

    /// The overrides were checked when the config loaded; the built-in defaults are tested to parse.
    private static func templates(_ defaults: [String: String], _ overrides: TemplateOverrides) -> MessageTemplates {
        if let templates = try? MessageTemplates(defaults: defaults, overrides: overrides.parts) { return templates }
        // swiftlint:disable:next force_try
        return try! MessageTemplates(defaults: defaults)
    }
}
