/// What a receiver is. Each kind is one case carrying its own settings struct; adding a kind is a
/// case here, its struct, and one row in ``ConfigLoader``'s table of kinds.
package enum ReceiverKind: Sendable, Equatable {
    /// POST the alert as JSON to a URL, optionally signed.
    case webhook(WebhookReceiverConfig)
    /// Print one line per notification on standard output.
    case console(ConsoleReceiverConfig)
    /// Open, comment on and close GitHub issues.
    case github(GitHubReceiverConfig)
    /// A Discord channel webhook (embed or plain text).
    case discord(DiscordReceiverConfig)
    /// Slack: incoming webhook or Web API.
    case slack(SlackReceiverConfig)
    /// Microsoft Teams: an Adaptive Card to an incoming webhook / Workflows URL.
    case teams(TeamsReceiverConfig)
    /// Publish to an SNS topic.
    case sns(SNSReceiverConfig)

    /// The key that introduces this kind in YAML (`webhook`, `console`).
    package var name: String {
        switch self {
        case .webhook: return WebhookReceiverConfig.kindName
        case .console: return ConsoleReceiverConfig.kindName
        case .github: return GitHubReceiverConfig.kindName
        case .discord: return DiscordReceiverConfig.kindName
        case .slack: return SlackReceiverConfig.kindName
        case .teams: return TeamsReceiverConfig.kindName
        case .sns: return SNSReceiverConfig.kindName
        }
    }
}
