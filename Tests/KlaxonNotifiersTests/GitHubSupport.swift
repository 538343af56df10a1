import AsyncHTTPClient
import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonStore
import KlaxonTesting
import Testing
import _CryptoExtras

enum NotifierFixture {
    static var folder: URL {
        get throws { try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)) }
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: try folder.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    static func testKey() throws -> _RSA.Signing.PrivateKey {
        try _RSA.Signing.PrivateKey(pemRepresentation: try text("test-app-private-key-pkcs1.pem"))
    }

    /// Compares with `golden/<name>`; with `KLAXON_UPDATE_GOLDEN=1` writes it instead (into the source tree).
    static func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["KLAXON_UPDATE_GOLDEN"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden/\(name)")
            try text.write(to: source, atomically: true, encoding: .utf8)
            return
        }
        let golden = try self.text("golden/\(name)")
        #expect(text == golden, "differs from golden/\(name)", sourceLocation: sourceLocation)
    }
}

/// A GitHub notifier wired to a stand-in, an in-memory store and a manual clock.
struct GitHubRig {
    static let repo = "klaxon-test/alerts"
    static let token = "github_pat_11TESTTOKENVALUE0123456789abcdefXYZ"

    let standIn: GitHubStandIn
    let storage: InMemoryStorage
    let clock: ManualClock
    let notifier: GitHubNotifier
    let credentials: GitHubCredentials

    init(
        app: Bool = false, commentInterval: Duration = .seconds(600), timeout: Duration = .seconds(5),
        templates: MessageTemplates = GitHubTemplates.standard
    ) async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_760_000_000))
        let storage = InMemoryStorage()
        self.clock = clock
        self.storage = storage
        let key = try NotifierFixture.testKey()
        standIn = GitHubStandIn(
            repo: Self.repo, personalToken: app ? nil : Self.token,
            app: app ? .init(appId: "1", installationId: "42", publicKey: key.publicKey) : nil, now: { clock.now() })
        try await standIn.start()
        credentials = GitHubCredentials(mode: app ? .app(appId: "1", installationId: "42", key: key) : .token(Secret(Self.token)))
        notifier = GitHubNotifier(
            name: "issues", apiURL: standIn.url, repo: Self.repo, credentials: credentials, links: storage, states: storage,
            commentInterval: commentInterval, timeout: timeout, client: .shared, clock: clock, templates: templates)
    }

    func delivery(_ action: Lifecycle.Action, sequence: Int, occurrence: Int = 1, alert: AlertEvent = GitHubRig.alert()) -> Delivery {
        Delivery(receiver: "issues", fingerprint: alert.fingerprint, occurrence: occurrence, action: action, sequence: sequence,
                 alert: alert, createdAt: clock.now())
    }

    static func alert(state: AlertEvent.State = .firing) -> AlertEvent {
        var alert = AlertSamples.alert(title: "Runners-ASG-InsufficientInstances", state: state, priority: .p1, teams: ["dev-infra"])
        alert.description = "The autoscaling group could not launch instances.\nCheck the capacity reservations."
        alert.summary = "ASG cannot scale"
        alert.reason = state == .firing ? "Threshold Crossed: 1 datapoint [3.0] was greater than the threshold (0.0)." : "Threshold Crossed: back to normal."
        alert.resource = .init(type: "autoscaling_group", id: "gh-ci-canary-runners", region: "us-east-1")
        alert.links = .init(runbookURL: "https://runbooks.example.com/asg", dashboardURL: "https://grafana.example.com/d/asg")
        return alert
    }
}
