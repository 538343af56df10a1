import Foundation
import KlaxonCore
import Testing
@testable import KlaxonRouting

@Suite("Secrets")
struct SecretTests {
    static let webhookWithSecret = """
    receivers:
      - name: hook
        webhook:
          url_file: /run/secrets/hook_url
          hmac_secret_env: HOOK_SECRET
    routes:
      - receivers: [hook]
    """

    @Test("secrets come from the environment and from files, trimmed")
    func environmentAndFile() throws {
        let config = try loadConfig(
            Self.webhookWithSecret,
            environment: ["HOOK_SECRET": "hmac-value"],
            files: ["/run/secrets/hook_url": "https://hooks.example.com/abc\n"]
        )
        guard case .webhook(let webhook) = config.receivers.first?.kind else {
            Issue.record("expected a webhook")
            return
        }
        #expect(webhook.url.value == "https://hooks.example.com/abc")
        #expect(webhook.hmacSecret?.value == "hmac-value")
    }

    @Test("token lists from values, environment variables and files, in that order")
    func tokenLists() throws {
        let config = try loadConfig("""
        server:
          auth:
            tokens: [a]
            tokens_env: [T1, T2]
            tokens_file: [/t]
            grafana_tokens_file: [/g]
        """ + "\n" + validTail, environment: ["T1": "b", "T2": " c "], files: ["/t": "d\n", "/g": "g"])
        #expect(config.resolvedIngestTokens.map(\.value) == ["a", "b", "c", "d"])
        #expect(config.resolvedGrafanaTokens.map(\.value) == ["g"])
    }

    @Test("an unset, empty or unreadable reference is an issue naming the key, never the value")
    func badReferences() {
        let issues = configIssues(
            Self.webhookWithSecret,
            environment: ["HOOK_SECRET": "  "],
            files: ["/run/secrets/hook_url": "\n"]
        )
        #expect(pathsAndMessages(issues) == [
            "receivers[0].webhook.url_file: file \"/run/secrets/hook_url\" is empty",
            "receivers[0].webhook.hmac_secret_env: environment variable \"HOOK_SECRET\" is empty",
        ])
    }

    @Test("a secret prints as <redacted> however it is printed")
    func redaction() {
        let secret = Secret("hunter2-value")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect("\(secret)" == "<redacted>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        let holder = WebhookReceiverConfig(url: Secret("https://hooks.example.com/token-123"), hmacSecret: secret)
        #expect(!String(describing: holder).contains("hunter2"))
        #expect(!String(describing: holder).contains("token-123"))
        #expect(!String(reflecting: holder).contains("token-123"))
    }

    @Test("a loaded config prints without its secrets")
    func configRedaction() throws {
        let config = try loadConfig(
            "server:\n  auth:\n    tokens: [tok-abc123]\n" + Self.webhookWithSecret,
            environment: ["HOOK_SECRET": "hmac-xyz789"],
            files: ["/run/secrets/hook_url": "https://hooks.example.com/url-secret-456"]
        )
        let printed = String(describing: config) + String(reflecting: config)
        for value in ["tok-abc123", "hmac-xyz789", "url-secret-456"] {
            #expect(!printed.contains(value))
        }
        #expect(printed.contains("<redacted>"))
    }

    @Test("ConfigError text never carries a secret's value")
    func errorRedaction() {
        let yaml = """
        receivers:
          - name: hook
            webhook:
              url: "ftp://user:pa55word-literal@example.com/x"
          - name: other
            webhook:
              url_env: OTHER_URL
              hmac_secret: [not, a, string]
        routes:
          - receivers: [hook, other]
        """
        do {
            _ = try loadConfig(yaml, environment: ["OTHER_URL": "mailto:env-secret-value"])
            Issue.record("expected a ConfigError")
        } catch {
            #expect(pathsAndMessages(error.issues) == [
                "receivers[0].webhook.url: not an http(s) URL",
                "receivers[1].webhook.url_env: not an http(s) URL",
                "receivers[1].webhook.hmac_secret: expected a string, got a list",
            ])
            let text = error.description + String(reflecting: error)
            #expect(!text.contains("pa55word-literal"))
            #expect(!text.contains("env-secret-value"))
        }
    }

    @Test("a YAML syntax error does not quote the document")
    func syntaxErrorRedaction() {
        let issues = configIssues("server:\n  auth:\n    tokens: [\"tok-very-secret\"\nreceivers: []\n")
        #expect(issues.count == 1)
        #expect(!issues.map(\.description).joined().contains("tok-very-secret"))
    }

    @Test("constant-time comparison", arguments: [
        ("s3cret", "s3cret", true),
        ("s3cret", "s3creT", false),
        ("s3cret", "s3cre", false),
        ("s3cret", "s3crets", false),
        ("s3cret", "s3crets3cret", false),
        ("s3cret", "", false),
        ("", "", false),
        ("", "x", false),
    ])
    func constantTime(secret: String, candidate: String, expected: Bool) {
        #expect(Secret(secret).constantTimeEquals(candidate) == expected)
        #expect(Secret(secret).constantTimeEquals(Array(candidate.utf8)) == expected)
    }

    @Test("matching against several tokens")
    func containsConstantTime() {
        let tokens = [Secret("one"), Secret("two")]
        #expect(tokens.containsConstantTime("two"))
        #expect(!tokens.containsConstantTime("three"))
        #expect(![Secret]().containsConstantTime(""))
    }

    @Test("equality compares values")
    func equality() {
        #expect(Secret("a") == Secret("a"))
        #expect(Secret("a") != Secret("b"))
        #expect(Secret("") == Secret(""))
    }
}
