import Foundation
import KlaxonCore
import KlaxonRouting
import Testing

@Suite("github: receiver configuration")
struct GitHubConfigTests {
    static let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"

    static func load(_ receiver: String, environment: [String: String] = ["GITHUB_TOKEN": "t0ken"]) -> Result<KlaxonConfig, ConfigError> {
        let yaml = "receivers:\n  - name: infra-issues\n    github:\n" + receiver.split(separator: "\n").map { "      \($0)" }.joined(separator: "\n")
            + "\nroutes:\n  - receivers: [infra-issues]\n"
        return Result { () throws(ConfigError) in
            try ConfigLoader.load(yaml: yaml, environment: environment, readFile: { path in
                guard path == "/keys/app.pem" else { throw CocoaError(.fileNoSuchFile) }
                return Self.pem
            })
        }
    }

    @Test func theIssuesInterfaceShapeLoads() throws {
        let config = try Self.load("api_url: https://api.github.com\nrepo: owner/name\ntoken_env: GITHUB_TOKEN").get()
        guard case .github(let github) = config.receivers.first?.kind else { Issue.record("not a github receiver"); return }
        #expect(github.apiURL == "https://api.github.com")
        #expect(github.repo == "owner/name")
        #expect(github.auth == .token(Secret("t0ken")))
        #expect(github.commentInterval == .seconds(600))
    }

    @Test func templateOverridesLoadPerPart() throws {
        let config = try Self.load("repo: owner/name\ntoken_env: GITHUB_TOKEN\ntemplate:\n  body: \"{{title}} on {{source}}\"\n  closing: done").get()
        guard case .github(let github) = config.receivers.first?.kind else { Issue.record("not a github receiver"); return }
        #expect(github.template == TemplateOverrides(["body": "{{title}} on {{source}}", "closing": "done"]))
    }

    @Test func appAuthentication() throws {
        let config = try Self.load("repo: owner/name\napp_id: 12345\ninstallation_id: 678\nprivate_key_file: /keys/app.pem\ncomment_interval: 30m").get()
        guard case .github(let github) = config.receivers.first?.kind else { Issue.record("not a github receiver"); return }
        #expect(github.auth == .app(appId: "12345", installationId: "678", privateKey: Secret(Self.pem)))
        #expect(github.commentInterval == .seconds(1800))
        #expect(github.apiURL == GitHubReceiverConfig.defaultAPIURL)
    }

    @Test(arguments: [
        ("repo: owner/name", "receivers[0].github.token: missing authentication"),
        ("repo: owner\ntoken_env: GITHUB_TOKEN", "receivers[0].github.repo: expected owner/name, got \"owner\""),
        ("repo: o/n\ntoken_env: GITHUB_TOKEN\napp_id: 1", "give either token"),
        ("repo: o/n\napp_id: 1\nprivate_key_file: /keys/app.pem", "receivers[0].github.installation_id: missing required key"),
        ("repo: o/n\napp_id: x\ninstallation_id: 2\nprivate_key_file: /keys/app.pem", "receivers[0].github.app_id: expected an integer"),
        ("repo: o/n\napp_id: 1\ninstallation_id: 2\nprivate_key: not-a-key", "expected a PEM private key"),
        ("repo: o/n\ntoken_env: NOPE", "environment variable \"NOPE\" is not set"),
        ("repo: o/n\ntoken_env: GITHUB_TOKEN\ncomment_interval: soon", "receivers[0].github.comment_interval: expected a duration"),
        ("repo: o/n\ntoken_env: GITHUB_TOKEN\nlabels: [x]", "receivers[0].github.labels: unknown key"),
        ("repo: o/n\ntoken_env: GITHUB_TOKEN\ntemplate:\n  description: \"x\"", "receivers[0].github.template.description: unknown key"),
        ("repo: o/n\ntoken_env: GITHUB_TOKEN\ntemplate:\n  body: \"{{#open}}x\"", "receivers[0].github.template.body: not a valid Mustache template"),
    ])
    func problemsAreReportedWithTheirPath(_ body: String, expected: String) {
        switch Self.load(body) {
        case .success:
            Issue.record("expected a problem containing \(expected)")
        case .failure(let error):
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("t0ken"))
        }
    }
}
