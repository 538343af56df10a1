import Foundation
import KlaxonCore
@testable import KlaxonRouting
import Testing

@Suite("Discord, Slack and Teams receiver config")
struct ChatReceiverConfigTests {
    /// The shapes of the issue's interface section, exactly as written there.
    static let interfaceYAML = """
    receivers:
      - name: ops-discord
        discord:
          webhook_url_env: DISCORD_WEBHOOK_URL   # any base URL, so a local stand-in works
          style: embed                           # or plain
          username: "Staging Bot"
      - name: ops-slack
        slack:
          webhook_url_env: SLACK_WEBHOOK_URL
      - name: ops-teams
        teams:
          webhook_url_env: TEAMS_WEBHOOK_URL
    routes:
      - receivers: [ops-discord, ops-slack, ops-teams]
    """

    static let environment = [
        "DISCORD_WEBHOOK_URL": "http://127.0.0.1:4000/api/webhooks/1/tok-discord",
        "SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T1/B1/tok-slack",
        "TEAMS_WEBHOOK_URL": "https://example.webhook.office.com/webhookb2/x/IncomingWebhook/y/z",
    ]

    @Test func theInterfaceShapesLoadAsWritten() throws {
        let config = try loadConfig(Self.interfaceYAML, environment: Self.environment)
        #expect(config.receivers.map(\.name) == ["ops-discord", "ops-slack", "ops-teams"])
        #expect(config.receivers[0].kind == .discord(DiscordReceiverConfig(
            webhookURL: Secret("http://127.0.0.1:4000/api/webhooks/1/tok-discord"), style: .embed, username: "Staging Bot")))
        #expect(config.receivers[1].kind == .slack(SlackReceiverConfig(transport: .webhook(url: Secret("https://hooks.slack.com/services/T1/B1/tok-slack")))))
        #expect(config.receivers[2].kind == .teams(TeamsReceiverConfig(webhookURL: Secret("https://example.webhook.office.com/webhookb2/x/IncomingWebhook/y/z"))))
    }

    @Test func everyExtensionKeyIsRead() throws {
        let yaml = """
        receivers:
          - name: d
            discord:
              webhook_url: https://discord.com/api/webhooks/1/abc
              style: plain
              username: "🟡 Staging Bot"
              avatar_url: https://cdn.example.com/bot.png
              edit_on_resolve: false
              buttons: true
              timeout: 3s
              template:
                content: "{{severity_emoji}} {{title}}"
                resolution_file: /etc/klaxon/resolution.mustache
          - name: s
            slack:
              bot_token_env: SLACK_BOT_TOKEN
              channel: C0123456789
              api_url: http://127.0.0.1:4001/api/
              buttons: false
        routes:
          - receivers: [d, s]
        """
        let config = try loadConfig(yaml, environment: ["SLACK_BOT_TOKEN": "xoxb-1"], files: ["/etc/klaxon/resolution.mustache": "done: {{title}}"])
        guard case .discord(let discord) = config.receivers[0].kind, case .slack(let slack) = config.receivers[1].kind else {
            Issue.record("wrong kinds")
            return
        }
        #expect(discord.style == .plain)
        #expect(discord.username == "🟡 Staging Bot")
        #expect(discord.avatarURL == "https://cdn.example.com/bot.png")
        #expect(discord.editOnResolve == false)
        #expect(discord.buttons)
        #expect(discord.timeout == .seconds(3))
        #expect(discord.template == TemplateOverrides(["content": "{{severity_emoji}} {{title}}", "resolution": "done: {{title}}"]))
        #expect(slack.transport == .webAPI(apiURL: "http://127.0.0.1:4001/api", token: Secret("xoxb-1"), channel: "C0123456789"))
        #expect(slack.buttons == false)
        #expect(slack.editOnResolve)
    }

    @Test(arguments: [
        ("discord: {webhook_url: \"https://x/1\", style: fancy}", "receivers[0].discord.style: expected embed|plain, got \"fancy\""),
        ("discord: {}", "receivers[0].discord.webhook_url: missing required key (or webhook_url_env / webhook_url_file)"),
        ("discord: {webhook_url_env: NOPE}", "receivers[0].discord.webhook_url_env: environment variable \"NOPE\" is not set"),
        ("discord: {webhook_url: \"not a url\"}", "receivers[0].discord.webhook_url: not an http(s) URL"),
        ("discord: {webhook_url: \"https://x/1\", username: \"Discord Bot\"}", "receivers[0].discord.username: Discord refuses usernames containing \"clyde\" or \"discord\""),
        ("discord: {webhook_url: \"https://x/1\", template: {title: \"{{#open}}x\"}}", "receivers[0].discord.template.title: not a valid Mustache template: expectedSectionEnd at line 1, column 11"),
        ("discord: {webhook_url: \"https://x/1\", template: {subject: \"x\"}}", "receivers[0].discord.template.subject: unknown key"),
        ("discord: {webhook_url: \"https://x/1\", template: {title: a, title_file: b}}", "receivers[0].discord.template: give only one of title, title_file"),
        ("slack: {}", "receivers[0].slack.webhook_url: missing required key (webhook_url / webhook_url_env / webhook_url_file, or bot_token_env + channel)"),
        ("slack: {bot_token: xoxb-1}", "receivers[0].slack.channel: missing required key (a channel id such as C0123456789, needed with bot_token)"),
        ("slack: {webhook_url: \"https://h/1\", bot_token: xoxb-1, channel: C1}", "receivers[0].slack: give either webhook_url (incoming webhook) or bot_token + channel (Web API), not both"),
        ("slack: {webhook_url: \"https://h/1\", channel: C1}", "receivers[0].slack.channel: only used with bot_token (the Web API); an incoming webhook posts to its own channel"),
        ("teams: {webhook_url_file: /missing}", "receivers[0].teams.webhook_url_file: cannot read file \"/missing\" (MissingFile)"),
    ])
    func problemsAreReportedWithTheirKeyPath(receiver: String, expected: String) {
        let yaml = "receivers:\n  - name: r\n    \(receiver)\nroutes:\n  - receivers: [r]\n"
        #expect(pathsAndMessages(configIssues(yaml)) == [expected])
    }

    @Test func aWebhookURLNeverAppearsInAnIssue() {
        let yaml = "receivers:\n  - name: r\n    discord: {webhook_url_env: HOOK}\nroutes:\n  - receivers: [r]\n"
        let issues = configIssues(yaml, environment: ["HOOK": "ftp://discord.example/api/webhooks/1/s3cr3t-token"])
        #expect(pathsAndMessages(issues) == ["receivers[0].discord.webhook_url_env: not an http(s) URL"])
        #expect(!issues.description.contains("s3cr3t"))
    }
}
