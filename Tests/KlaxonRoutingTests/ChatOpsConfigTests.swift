import Foundation
import KlaxonCore
import Testing
@testable import KlaxonRouting

@Suite("Config: the chatops section")
struct ChatOpsConfigTests {
    static let tail = "receivers:\n  - name: hook\n    console: {}\nroutes:\n  - receivers: [hook]\n"

    @Test func theIssuesInterfaceLoads() throws {
        let key = String(repeating: "Ab", count: 32)
        let config = try loadConfig("""
        chatops:
          discord:
            public_key: "\(key)"
            application_id: "123"
            api_url: http://127.0.0.1:9/api/v10/
            allowed_users: ["42"]
            allowed_roles: ["9"]
            bot_token_file: /run/bot
          slack:
            signing_secret_env: SLACK_SIGNING_SECRET
            allowed_users: [U1]
        """ + "\n" + Self.tail, environment: ["SLACK_SIGNING_SECRET": "s3cret"], files: ["/run/bot": "bot-token\n"])
        #expect(config.chatops.discord == ChatOpsConfig.Discord(
            publicKey: key.lowercased(), applicationID: "123", apiURL: "http://127.0.0.1:9/api/v10",
            allowedUsers: ["42"], allowedRoles: ["9"], botToken: Secret("bot-token")))
        #expect(config.chatops.slack == ChatOpsConfig.Slack(signingSecret: Secret("s3cret"), allowedUsers: ["U1"]))
    }

    @Test func defaultsAndAbsence() throws {
        #expect(try loadConfig(Self.tail).chatops == ChatOpsConfig())
        let config = try loadConfig("chatops:\n  discord:\n    public_key: \(String(repeating: "0", count: 64))\n    application_id: \"5\"\n" + Self.tail)
        #expect(config.chatops.discord?.apiURL == "https://discord.com/api/v10")
        #expect(config.chatops.discord?.allowedUsers == [])
        #expect(config.chatops.discord?.botToken == nil)
        #expect(config.chatops.slack == nil)
    }

    @Test func responseURLPrefixesDefaultToSlacksHooksAndAreChecked() throws {
        let base = "chatops:\n  slack:\n    signing_secret_env: S\n"
        #expect(try loadConfig(base + Self.tail, environment: ["S": "x"]).chatops.slack?.responseURLPrefixes == ["https://hooks.slack.com/"])
        let custom = try loadConfig(base + "    response_url_prefixes: [\"http://127.0.0.1/\"]\n" + Self.tail, environment: ["S": "x"])
        #expect(custom.chatops.slack?.responseURLPrefixes == ["http://127.0.0.1/"])
        let issues = configIssues(base + "    response_url_prefixes: [\"ftp://x/\", \"https://hooks.slack.com/commands\"]\n" + Self.tail, environment: ["S": "x"])
        #expect(pathsAndMessages(issues) == [
            "chatops.slack.response_url_prefixes: \"ftp://x/\" is not an http(s) URL prefix ending in / (like https://hooks.slack.com/)",
            "chatops.slack.response_url_prefixes: \"https://hooks.slack.com/commands\" is not an http(s) URL prefix ending in / (like https://hooks.slack.com/)",
        ])
    }

    @Test func secretsNeverAppearInIssues() {
        let issues = configIssues("chatops:\n  slack:\n    signing_secret: \"\"\n" + Self.tail)
        #expect(pathsAndMessages(issues) == ["chatops.slack.signing_secret: must not be empty"])
    }
}
