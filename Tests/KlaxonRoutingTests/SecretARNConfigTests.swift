import Foundation
import KlaxonCore
import Testing
@testable import KlaxonRouting

/// Secrets given by ARN in the configuration: read as references (fetched later, never at load),
/// checked for shape, refused without `aws.region` and where a secret is read at start-up.
@Suite("Secrets by ARN in the configuration")
struct SecretARNConfigTests {
    static let hookARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:klaxon/hook-AbCdEf"
    static let tokenARN = "arn:aws:ssm:us-east-1:123456789012:parameter/klaxon/ingest-token"

    static let config = """
    aws:
      region: us-east-1
      secrets_ttl: 90s
    server:
      auth:
        tokens: [plain-token, "\(tokenARN)"]
        tokens_env: [TOKEN_ARN]
    receivers:
      - name: hook
        webhook:
          url: "\(hookARN):url::"
          hmac_secret_env: HMAC_ARN
      - name: ops
        slack:
          bot_token: "\(tokenARN)"
          channel: C0123456789
      - name: teams
        teams:
          webhook_url_file: /run/secrets/teams
      - name: gh
        github:
          repo: owner/name
          app_id: 1
          installation_id: 2
          private_key: "\(hookARN):pem"
    routes:
      - receivers: [hook, ops, teams, gh]
    """

    @Test("ARNs in values, environment variables and files become references with their key paths; given secrets stay given")
    func references() throws {
        let config = try loadConfig(Self.config, environment: ["TOKEN_ARN": Self.tokenARN, "HMAC_ARN": Self.hookARN + ":hmac::"],
                                    files: ["/run/secrets/teams": Self.hookARN + ":teams\n"])
        #expect(config.aws.secretsTTL == .seconds(90))
        #expect(config.server.auth.tokens.map(\.reference?.arn) == [nil, Self.tokenARN, Self.tokenARN])
        #expect(config.server.auth.tokens.map(\.keyPath) == [nil, "server.auth.tokens[1]", "server.auth.tokens_env[0]"])
        guard case .webhook(let webhook) = config.receivers[0].kind, case .slack(let slack) = config.receivers[1].kind,
              case .teams(let teams) = config.receivers[2].kind, case .github(let github) = config.receivers[3].kind
        else {
            Issue.record("unexpected receiver kinds")
            return
        }
        #expect(webhook.url.reference?.jsonKey == "url")
        #expect(webhook.url.keyPath == "receivers[0].webhook.url")
        #expect(webhook.hmacSecret?.reference?.jsonKey == "hmac")
        #expect(webhook.hmacSecret?.keyPath == "receivers[0].webhook.hmac_secret_env")
        guard case .webAPI(_, let token, _) = slack.transport else {
            Issue.record("expected the Web API transport")
            return
        }
        #expect(token.reference?.kind == .ssmParameter)
        #expect(teams.webhookURL.reference?.jsonKey == "teams")
        guard case .app(_, _, let key) = github.auth else {
            Issue.record("expected app auth")
            return
        }
        #expect(key.reference?.jsonKey == "pem")
    }

    @Test("the default TTL is five minutes")
    func defaultTTL() throws {
        #expect(try loadConfig("aws:\n  region: us-east-1\n" + validTail).aws.secretsTTL == .seconds(300))
    }

    @Test("an ARN secret without aws.region is an issue at its key path")
    func needsRegion() {
        let issues = configIssues("""
        receivers:
          - name: hook
            webhook:
              url: "\(Self.hookARN)"
        routes:
          - receivers: [hook]
        """)
        #expect(pathsAndMessages(issues) == [
            "receivers[0].webhook.url: a secret given by ARN is fetched from AWS: add aws.region (and credentials in the environment)",
        ])
    }

    @Test("a malformed ARN is an issue at its key path", arguments: [
        ("arn:aws:s3:::bucket/key", "only Secrets Manager (secretsmanager) and SSM Parameter Store (ssm) ARNs can hold a secret"),
        ("arn:aws:ssm:us-east-1:123456789012:parameter/", "an SSM ARN ends in parameter/NAME (no version or label)"),
        ("arn:aws:secretsmanager:us-east-1:12:secret:x", "the ARN's account field is not a 12-digit account id"),
    ])
    func malformed(arn: String, message: String) {
        let issues = configIssues("aws:\n  region: us-east-1\nreceivers:\n  - name: hook\n    webhook:\n      url_env: HOOK\nroutes:\n  - receivers: [hook]\n",
                                  environment: ["HOOK": arn])
        #expect(pathsAndMessages(issues) == ["receivers[0].webhook.url_env: \(message)"])
    }

    @Test("the Discord bot token (read by klaxon discord register-commands) refuses an ARN with its key path")
    func discordBotToken() {
        let section = "chatops:\n  discord:\n    public_key: \(String(repeating: "0", count: 64))\n    application_id: \"5\"\n    bot_token_env: BOT\n"
        let issues = configIssues("aws:\n  region: us-east-1\n" + section + validTail, environment: ["BOT": Self.tokenARN])
        #expect(pathsAndMessages(issues) == [
            "chatops.discord.bot_token_env: an ARN is not supported for this secret yet (it is read at start-up): give the value, *_env or *_file",
        ])
    }

    @Test("the Slack signing secret and the GitHub webhook secret may be ARNs")
    func inboundSecrets() throws {
        let config = try loadConfig("""
        aws:
          region: us-east-1
        chatops:
          slack:
            signing_secret: "\(Self.tokenARN)"
        receivers:
          - name: gh
            github:
              repo: owner/name
              token: t0ken
              webhook_secret: "\(Self.hookARN)"
        routes:
          - receivers: [gh]
        """)
        #expect(config.chatops.slack?.signingSecret.keyPath == "chatops.slack.signing_secret")
        guard case .github(let github) = config.receivers[0].kind else {
            Issue.record("expected a github receiver")
            return
        }
        #expect(github.webhookSecret?.reference?.arn == Self.hookARN)
    }

    @Test("a zero secrets_ttl is refused")
    func shortTTL() {
        #expect(pathsAndMessages(configIssues("aws:\n  region: us-east-1\n  secrets_ttl: 0s\n" + validTail)) == ["aws.secrets_ttl: must be greater than zero"])
    }
}
