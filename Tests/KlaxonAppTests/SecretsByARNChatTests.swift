import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonAWS
import KlaxonCore
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import NIOCore
import Testing

/// Chat receivers whose webhook URL or bot token is given by ARN (moto, signatures checked)
/// deliver to the platform stand-ins, which check every request's shape and credential.
@Suite("Secrets by ARN: chat receivers, against moto and the stand-ins")
struct SecretsByARNChatTests {
    enum Kind: String, CaseIterable, Sendable { case discordURL, slackWebhookURL, slackBotToken, teamsURL }

    @Test("an alert reaches the stand-in through a receiver whose secret is fetched by ARN", arguments: Kind.allCases)
    func delivers(kind: Kind) async throws {
        let moto = try await MotoServer.shared()
        let suffix = UUID().uuidString.prefix(8)
        let secrets = SecretsManagerClient(client: moto.client())
        let ssm = SSMClient(client: moto.client())
        func ssmARN(_ value: String) async throws -> String {
            let name = "/klaxon/\(kind.rawValue)-\(suffix)"
            try await ssm.putParameter(name: name, value: value, type: "SecureString")
            return "arn:aws:ssm:us-east-1:123456789012:parameter\(name)"
        }
        let discord = DiscordStandIn(), slack = SlackStandIn(), teams = TeamsStandIn()
        let receiver: String
        switch kind {
        case .discordURL:
            try await discord.start()
            let arn = try await secrets.createSecret(name: "klaxon/discord-\(suffix)", secretString: discord.webhookURL)
            receiver = "discord: {webhook_url: \"\(arn)\", edit_on_resolve: false}"
        case .slackWebhookURL:
            try await slack.start()
            receiver = "slack: {webhook_url: \"\(try await ssmARN(slack.webhookURL))\"}"
        case .slackBotToken:
            try await slack.start()
            receiver = "slack: {api_url: \"\(slack.apiURL)\", channel: \(slack.channel), bot_token: \"\(try await ssmARN(slack.botToken))\"}"
        case .teamsURL:
            try await teams.start()
            let arn = try await secrets.createSecret(name: "klaxon/teams-\(suffix)", secretString: #"{"url":"\#(teams.webhookURL)"}"#)
            receiver = "teams: {webhook_url: \"\(arn):url::\"}"
        }
        defer { discord.stop(); slack.stop(); teams.stop() }
        let yaml = "aws:\n  region: us-east-1\nreceivers:\n  - name: chat\n    \(receiver)\nroutes:\n  - receivers: [chat]\n"
        #expect(try await deliverOneAlarm(yaml: yaml, moto: moto) == 1)
        switch kind {
        case .discordURL: #expect(discord.messages.count == 1)
        case .slackWebhookURL, .slackBotToken: #expect(slack.messages.count == 1)
        case .teamsURL: #expect(teams.accepted.count == 1)
        }
    }
}
