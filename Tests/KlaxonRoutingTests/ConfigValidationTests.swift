import Foundation
import Testing
@testable import KlaxonRouting

@Suite("Config validation")
struct ConfigValidationTests {
    /// One YAML (a section prepended to a valid tail where that makes sense) and the single issue it
    /// must produce, exactly.
    @Test("each problem is reported with its key path and message", arguments: [
        ("server:\n  listn: 0.0.0.0:80\n" + validTail, "server.listn: unknown key"),
        ("storage:\n  sync: fast\n" + validTail, "storage.sync: expected normal|full, got \"fast\""),
        ("ingest:\n  default_priority: P5\n" + validTail, "ingest.default_priority: expected P0|P1|P2|P3, got \"P5\""),
        ("ingest:\n  insufficient_data: alarm\n" + validTail, "ingest.insufficient_data: expected ignore|firing|resolved, got \"alarm\""),
        ("ingest:\n  default_teams: []\n" + validTail, "ingest.default_teams: must not be empty"),
        ("ingest:\n  team_labels: [team, \"\"]\n" + validTail, "ingest.team_labels[1]: must not be empty"),
        ("server:\n  listen: localhost\n" + validTail, "server.listen: expected host:port, got \"localhost\""),
        ("server:\n  listen: \"127.0.0.1:70000\"\n" + validTail, "server.listen: expected host:port, got \"127.0.0.1:70000\""),
        ("server:\n  max_body_bytes: 0\n" + validTail, "server.max_body_bytes: must be greater than zero"),
        ("server: [a]\n" + validTail, "server: expected a mapping, got a list"),
        ("server:\n  auth:\n    tokens_env: [NOPE]\n" + validTail, "server.auth.tokens_env[0]: environment variable \"NOPE\" is not set"),
        ("server:\n  auth:\n    tokens: [\"\"]\n" + validTail, "server.auth.tokens[0]: must not be empty"),
        ("pipeline:\n  max_decode_attempts: many\n" + validTail, "pipeline.max_decode_attempts: expected an integer, got \"many\""),
        ("pipeline:\n  batch_size: -1\n" + validTail, "pipeline.batch_size: must be greater than zero"),
        ("pipeline:\n  linger: soon\n" + validTail, "pipeline.linger: expected a duration like 10s, 5m, 1h or 2d, got \"soon\""),
        ("pipeline:\n  delivery:\n    max_age: soon\n" + validTail, "pipeline.delivery.max_age: expected a duration like 10s, 5m, 1h or 2d, got \"soon\""),
        ("pipeline:\n  delivery:\n    max_age: 0s\n" + validTail, "pipeline.delivery.max_age: must be greater than zero"),
        ("pipeline:\n  delivery:\n    initial_backoff: 10m\n" + validTail, "pipeline.delivery.initial_backoff: initial_backoff must not be longer than max_backoff"),
        ("mute:\n  notify_resolved_while_muted: sometimes\n" + validTail, "mute.notify_resolved_while_muted: expected true or false, got \"sometimes\""),
        ("chatops:\n  discord:\n    application_id: \"1\"\n" + validTail, "chatops.discord.public_key: missing required key (the application's public key, 64 hex digits)"),
        ("chatops:\n  discord:\n    public_key: abc\n    application_id: \"1\"\n" + validTail, "chatops.discord.public_key: expected 64 hex digits (the Ed25519 public key on the application's page)"),
        ("chatops:\n  discord:\n    public_key: \(String(repeating: "a", count: 64))\n    application_id: app\n" + validTail, "chatops.discord.application_id: expected the application's numeric id, got \"app\""),
        ("chatops:\n  discord:\n    public_key: \(String(repeating: "a", count: 64))\n    application_id: \"1\"\n    api_url: ftp://x\n" + validTail, "chatops.discord.api_url: expected an http(s) URL"),
        ("chatops:\n  discord:\n    public_key: \(String(repeating: "a", count: 64))\n    application_id: \"1\"\n    colour: red\n" + validTail, "chatops.discord.colour: unknown key"),
        ("chatops:\n  slack: {}\n" + validTail, "chatops.slack.signing_secret: missing required key (or signing_secret_env / signing_secret_file)"),
        ("chatops:\n  slack:\n    signing_secret_env: NOPE\n" + validTail, "chatops.slack.signing_secret_env: environment variable \"NOPE\" is not set"),
        ("receivers:\n  - name: hook\n    console: {}\n", "routes: missing required key"),
        ("receivers:\n  - name: hook\n    console: {}\nroutes: []\n", "routes: must not be empty (alerts would go nowhere)"),
        ("receivers:\n  - name: hook\n    console: {}\nroutes:\n  - continue: true\n", "routes[0].receivers: missing required key"),
        ("receivers:\n  - name: hook\n    console: {}\nroutes:\n  - receivers: []\n", "routes[0].receivers: must not be empty"),
        ("receivers:\n  - name: hook\n    console: {}\nroutes:\n  - receivers: [hook]\n    continue: maybe\n", "routes[0].continue: expected true or false, got \"maybe\""),
        ("receivers:\n  - name: hook\n    console: {}\nroutes:\n  - receivers: [hook]\n    match: x\n", "routes[0].match: unknown key"),
        ("receivers:\n  - name: my hook\n    console: {}\nroutes:\n  - receivers: [my hook]\n", "receivers[0].name: expected letters, digits, '-', '_' or '.', got \"my hook\""),
        ("receivers:\n  - name: out\n    console: {format: xml}\nroutes:\n  - receivers: [out]\n", "receivers[0].console.format: expected text|json, got \"xml\""),
        ("receivers:\n  - name: hook\n    webhook: {}\nroutes:\n  - receivers: [hook]\n", "receivers[0].webhook.url: missing required key (or url_env / url_file)"),
        ("receivers:\n  - name: hook\n    webhook: {url: \"http://a\", url_env: A}\nroutes:\n  - receivers: [hook]\n", "receivers[0].webhook: give only one of url, url_env"),
        ("receivers:\n  - name: hook\n    webhook: {url: \"http://a\", timeout: soon}\nroutes:\n  - receivers: [hook]\n", "receivers[0].webhook.timeout: expected a duration like 10s, 5m, 1h or 2d, got \"soon\""),
        ("receivers:\n  - name: hook\n    webhook: {url: \"http://a\", headers: {\"Bad Header\": v}}\nroutes:\n  - receivers: [hook]\n", "receivers[0].webhook.headers.Bad Header: not a valid HTTP header name"),
        ("receivers:\n  - name: hook\n    webhook: {url: \"http://a\", hmac_secret_env: HOOK_SECRET}\nroutes:\n  - receivers: [hook]\n", "receivers[0].webhook.hmac_secret_env: environment variable \"HOOK_SECRET\" is not set"),
        ("receivers:\n  - name: hook\n    webhook: {url_file: /missing}\nroutes:\n  - receivers: [hook]\n", "receivers[0].webhook.url_file: cannot read file \"/missing\" (MissingFile)"),
        ("receivers:\n  - name: hook\n    webhook: {url: \"http://a\", method: PUT}\nroutes:\n  - receivers: [hook]\n", "receivers[0].webhook.method: unknown key"),
        ("receivers:\n  - name: chat\n    sns: {topic_arn: \"arn:aws:sns:us-east-1:1:t\"}\nroutes:\n  - receivers: [chat]\n", "receivers[0].sns.topic_arn: expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got \"arn:aws:sns:us-east-1:1:t\""),
        ("receivers:\n  - name: hook\n    console: {}\nroutes:\n  - receivers: [hook]\n    matchers: [\"team\"]\n", "routes[0].matchers[0]: matcher \"team\" has no operator (use =, !=, =~ or !~)"),
        ("receivers:\n  - name: hook\n    console: {}\nroutes:\n  - receivers: [hook]\n    matchers: \"team=x\"\n", "routes[0].matchers: expected a list, got a single value"),
    ])
    func singleIssue(yaml: String, expected: String) {
        #expect(pathsAndMessages(configIssues(yaml)) == [expected])
    }

    @Test("problems that bring a second one with them", arguments: [
        ("routes:\n  - receivers: [hook]\n", ["receivers: missing required key", "routes[0].receivers[0]: unknown receiver \"hook\""]),
        ("receivers: []\nroutes:\n  - receivers: [x]\n", ["receivers: must not be empty", "routes[0].receivers[0]: unknown receiver \"x\""]),
        ("receivers:\n  - console: {}\nroutes:\n  - receivers: [hook]\n", ["receivers[0].name: missing required key", "routes[0].receivers[0]: unknown receiver \"hook\""]),
        ("receivers:\n  - name: chat\n    telegram: {}\nroutes:\n  - receivers: [chat]\n", [
            "receivers[0].telegram: unknown key",
            "receivers[0]: expected exactly one receiver kind (webhook, console, discord, slack, teams, github, sns), got none",
        ]),
    ])
    func pairedIssues(yaml: String, expected: [String]) {
        #expect(pathsAndMessages(configIssues(yaml)) == expected)
    }

    @Test("several problems come back together, in a stable order")
    func manyProblems() {
        let yaml = """
        server:
          listn: 0.0.0.0:80
        storage:
          sync: fast
        ingest:
          default_priority: P5
        receivers:
          - name: hook
            webhook:
              url: http://127.0.0.1:9999/hook
          - name: other
            webhook:
              url: ftp://example.com/x
          - name: hook
            console: {}
          - name: chat
            sns:
              topic_arn: not-an-arn
          - name: none
          - name: both
            webhook: {url: "http://a"}
            console: {}
        routes:
          - receivers: [hook, slack]
          - matchers: ["team=platform"]
            receivers: [other]
          - matchers: ["nooperator"]
            receivers: [chat]
        """
        let issues = configIssues(yaml)
        #expect(pathsAndMessages(issues) == [
            "server.listn: unknown key",
            "storage.sync: expected normal|full, got \"fast\"",
            "ingest.default_priority: expected P0|P1|P2|P3, got \"P5\"",
            "receivers[1].webhook.url: not an http(s) URL",
            "receivers[3].sns.topic_arn: expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got \"not-an-arn\"",
            "receivers[4]: expected exactly one receiver kind (webhook, console, discord, slack, teams, github, sns), got none",
            "receivers[5]: expected exactly one receiver kind (webhook, console, discord, slack, teams, github, sns), got 2 (webhook, console)",
            "receivers[0].name: duplicate name \"hook\"",
            "receivers[2].name: duplicate name \"hook\"",
            "routes[0].receivers[1]: unknown receiver \"slack\"",
            "routes[2].matchers[0]: matcher \"nooperator\" has no operator (use =, !=, =~ or !~)",
        ])
        // Issues point at the YAML: `listn` is on line 2, column 3.
        #expect(issues.first?.line == 2)
        #expect(issues.first?.column == 3)
        #expect(issues.first?.description == "server.listn: unknown key (line 2, column 3)")
    }

    @Test("an invalid regex is reported with the Matcher's parse error")
    func badRegex() {
        let issues = configIssues("receivers:\n  - name: hook\n    console: {}\nroutes:\n  - receivers: [hook]\n  - receivers: [hook]\n  - receivers: [hook]\n    matchers: [\"team=~(\"]\n")
        #expect(issues.count == 1)
        #expect(issues.first?.path == "routes[2].matchers[0]")
        #expect(issues.first?.message.hasPrefix("regex \"(\" does not compile") == true)
    }

    @Test("a YAML syntax error carries its line and column")
    func syntaxError() {
        let issues = configIssues("receivers:\n  - name: hook\n    webhook: {url: \"http://a\"\nroutes: []\n")
        #expect(issues.count == 1)
        #expect(issues.first?.path == "")
        #expect(issues.first?.message.hasPrefix("YAML syntax error: ") == true)
        #expect(issues.first?.line == 4)
        #expect(issues.first?.column != nil)
        #expect(issues.first?.description.hasPrefix("line 4, column ") == true)
    }

    @Test("a repeated key is a syntax error naming the key and its line")
    func duplicateKey() {
        let issues = configIssues(validTail + "\nroutes:\n  - receivers: [hook]\n")
        #expect(issues.count == 1)
        #expect(issues.first?.message == "YAML syntax error: duplicate key \"routes\"")
        #expect(issues.first?.line == 5)
    }

    @Test("an empty document reports both required sections")
    func emptyDocument() {
        #expect(pathsAndMessages(configIssues("")) == ["receivers: missing required key", "routes: missing required key"])
        #expect(pathsAndMessages(configIssues("# nothing\n")) == ["receivers: missing required key", "routes: missing required key"])
        #expect(pathsAndMessages(configIssues("- a\n")) == [": expected a mapping, got a list"])
    }

    @Test("ConfigError's description lists every issue, one per line")
    func errorDescription() {
        do {
            _ = try loadConfig("storage:\n  sync: fast\n  path: \"\"\n" + validTail)
            Issue.record("expected a ConfigError")
        } catch {
            #expect(error.reason == "invalid_config")
            #expect(error.description == """
            invalid configuration (2 problems):
              storage.path: must not be empty (line 3, column 9)
              storage.sync: expected normal|full, got "fast" (line 2, column 9)
            """)
        }
    }
}
