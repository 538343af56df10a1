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

/// A GitHub receiver whose credentials are given by ARN (moto, signatures checked) opens an issue
/// on the GitHub stand-in: a personal token from an SSM SecureString, or a GitHub App private key
/// (PEM) from Secrets Manager, fetched and parsed when the installation token is bought.
@Suite("Secrets by ARN: GitHub credentials, against moto and the GitHub stand-in")
struct SecretsByARNGitHubTests {
    static let repo = "klaxon-test/alerts"

    enum Mode: String, CaseIterable, Sendable { case tokenFromSSM, appKeyFromSecretsManager }

    @Test("an alert opens an issue with credentials fetched by ARN", arguments: Mode.allCases)
    func opensAnIssue(mode: Mode) async throws {
        let moto = try await MotoServer.shared()
        let suffix = UUID().uuidString.prefix(8)
        let token = "github_pat_FROMSSM\(suffix)"
        let pem = String(decoding: try Fixture.data("test-app-private-key-pkcs1.pem"), as: UTF8.self)
        let standIn: GitHubStandIn
        let auth: String
        switch mode {
        case .tokenFromSSM:
            let name = "/klaxon/github-token-\(suffix)"
            try await SSMClient(client: moto.client()).putParameter(name: name, value: token, type: "SecureString")
            standIn = GitHubStandIn(repo: Self.repo, personalToken: token)
            auth = "token: \"arn:aws:ssm:us-east-1:123456789012:parameter\(name)\""
        case .appKeyFromSecretsManager:
            let arn = try await SecretsManagerClient(client: moto.client()).createSecret(name: "klaxon/github-app-key-\(suffix)", secretString: pem)
            standIn = GitHubStandIn(repo: Self.repo, app: try .init(appId: "1", installationId: "42", privateKeyPEM: pem))
            auth = "app_id: 1\n      installation_id: 42\n      private_key: \"\(arn)\""
        }
        try await standIn.start()
        let yaml = """
        aws:
          region: us-east-1
        receivers:
          - name: issues
            github:
              api_url: \(standIn.url)
              repo: \(Self.repo)
              \(auth)
        routes:
          - receivers: [issues]
        """
        #expect(try await deliverOneAlarm(yaml: yaml, moto: moto) == 1)
        #expect(standIn.issues.count == 1)
        #expect(standIn.violations.isEmpty, "\(standIn.violations)")
        if mode == .appKeyFromSecretsManager { #expect(standIn.issuedTokens == 1) }
        await standIn.stop()
    }
}
