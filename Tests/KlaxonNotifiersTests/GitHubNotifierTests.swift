import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonStore
import KlaxonTesting
import Testing
import _CryptoExtras

@Suite("GitHub issues notifier against the GitHub stand-in", .serialized)
struct GitHubNotifierTests {
    @Test func createCommentCloseWithAPersonalToken() async throws {
        let rig = try await GitHubRig(commentInterval: .seconds(600))
        defer { Task { await rig.standIn.stop() } }
        let created = await rig.notifier.send(rig.delivery(.create, sequence: 1))
        #expect(created == .ok, "\(created); \(rig.standIn.violations)")
        let issue = try #require(rig.standIn.issues.first)
        #expect(issue.title == "[P1] Runners-ASG-InsufficientInstances")
        #expect(issue.labels == ["team:dev-infra", "priority:P1", "source:cloudwatch"])
        #expect(issue.body.hasPrefix("<!-- klaxon:fingerprint=\(GitHubRig.alert().fingerprint) occurrence=1 -->"))
        let link = try #require(try await rig.storage.issueLink(receiver: "issues", fingerprint: GitHubRig.alert().fingerprint, occurrence: 1))
        #expect(link.number == issue.number)

        // Within the interval: counted, not posted.
        rig.clock.advance(by: 60)
        #expect(await rig.notifier.send(rig.delivery(.comment, sequence: 2)) == .ok)
        rig.clock.advance(by: 60)
        #expect(await rig.notifier.send(rig.delivery(.comment, sequence: 3)) == .ok)
        #expect(rig.standIn.issues.first?.comments.isEmpty == true)
        // After it: one comment that counts the two folded in.
        rig.clock.advance(by: 600)
        #expect(await rig.notifier.send(rig.delivery(.comment, sequence: 4)) == .ok)
        #expect(rig.standIn.issues.first?.comments.count == 1)
        #expect(rig.standIn.issues.first?.comments.first?.contains("and 2 more times since the last comment") == true)
        // A re-sent delivery is not written twice.
        #expect(await rig.notifier.send(rig.delivery(.comment, sequence: 4)) == .ok)
        #expect(rig.standIn.issues.first?.comments.count == 1)

        #expect(await rig.notifier.send(rig.delivery(.close, sequence: 5, alert: GitHubRig.alert(state: .resolved))) == .ok)
        let closed = try #require(rig.standIn.issues.first)
        #expect(closed.state == "closed" && closed.stateReason == "completed")
        #expect(closed.comments.count == 2)
        #expect(closed.comments.last?.hasPrefix("**Resolved**") == true)
        #expect(rig.standIn.violations.isEmpty, "\(rig.standIn.violations)")
        for request in rig.standIn.requests {
            #expect(request.headers["authorization"] == "Bearer \(GitHubRig.token)")
            #expect(request.headers["x-github-api-version"] == "2022-11-28")
        }
    }

    @Test func aRepeatedCreateDoesNotOpenASecondIssue() async throws {
        let rig = try await GitHubRig()
        defer { Task { await rig.standIn.stop() } }
        #expect(await rig.notifier.send(rig.delivery(.create, sequence: 1)) == .ok)
        #expect(await rig.notifier.send(rig.delivery(.create, sequence: 1)) == .ok)
        #expect(rig.standIn.issues.count == 1)
        // The next occurrence gets its own issue.
        #expect(await rig.notifier.send(rig.delivery(.create, sequence: 1, occurrence: 2)) == .ok)
        #expect(rig.standIn.issues.map(\.number) == [1, 2])
    }

    @Test func appAuthenticationBuysAnInstallationTokenAndCachesIt() async throws {
        let rig = try await GitHubRig(app: true, commentInterval: .seconds(1))
        defer { Task { await rig.standIn.stop() } }
        #expect(await rig.notifier.send(rig.delivery(.create, sequence: 1)) == .ok)
        rig.clock.advance(by: 10)
        #expect(await rig.notifier.send(rig.delivery(.comment, sequence: 2)) == .ok)
        #expect(rig.standIn.issuedTokens == 1)
        // The stand-in's tokens live an hour; Klaxon replaces one five minutes before it expires.
        rig.clock.advance(by: 3300)
        #expect(await rig.notifier.send(rig.delivery(.comment, sequence: 3)) == .ok)
        #expect(rig.standIn.issuedTokens == 2)
        #expect(rig.standIn.violations.isEmpty, "\(rig.standIn.violations)")
        let tokenRequests = rig.standIn.requests.filter { $0.path == "/app/installations/42/access_tokens" }
        #expect(tokenRequests.count == 2)
        #expect(tokenRequests.allSatisfy { $0.headers["authorization"]?.hasPrefix("Bearer ey") == true })
    }

    @Test func aJWTFromAnotherKeyIsRefused() async throws {
        let rig = try await GitHubRig(app: true)
        defer { Task { await rig.standIn.stop() } }
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let wrong = GitHubNotifier(
            name: "issues", apiURL: rig.standIn.url, repo: GitHubRig.repo,
            credentials: GitHubCredentials(mode: .app(appId: "1", installationId: "42", key: other)), links: rig.storage, states: rig.storage,
            commentInterval: .seconds(1), timeout: .seconds(5), client: .shared, clock: rig.clock)
        let outcome = await wrong.send(rig.delivery(.create, sequence: 1))
        #expect(outcome == .permanent(reason: "installation token: HTTP 401 bad credentials"))
        #expect(rig.standIn.violations == ["access_tokens: the JWT's RS256 signature does not verify with the app's public key"])
    }

    @Test(arguments: [
        (GitHubStandIn.Fault.tooManyRequests(retryAfter: 7), "retryable 7.0"),
        (GitHubStandIn.Fault.rateLimited(resetIn: 30), "retryable 30.0"),
        (GitHubStandIn.Fault.serverError, "retryable nil"),
    ])
    func rateLimitsAndErrorsAreRetryable(_ fault: GitHubStandIn.Fault, expected: String) async throws {
        let rig = try await GitHubRig()
        defer { Task { await rig.standIn.stop() } }
        rig.standIn.script([fault])
        let outcome = await rig.notifier.send(rig.delivery(.create, sequence: 1))
        guard case .retryable(let after, let reason) = outcome else {
            Issue.record("expected retryable, got \(outcome)")
            return
        }
        #expect("retryable \(after.map { String($0.seconds) } ?? "nil")" == expected)
        #expect(!reason.contains(GitHubRig.token))
        #expect(await rig.notifier.send(rig.delivery(.create, sequence: 1)) == .ok)
        #expect(rig.standIn.issues.count == 1)
    }

    @Test func aTimeoutIsRetryableAndSaysNothingSecret() async throws {
        let rig = try await GitHubRig(timeout: .milliseconds(300))
        defer { Task { await rig.standIn.stop() } }
        rig.standIn.script([.noAnswer])
        let outcome = await rig.notifier.send(rig.delivery(.create, sequence: 1))
        #expect(outcome == .retryable(after: nil, reason: "timed out"))
    }

    @Test func aRevokedInstallationTokenIsReplacedOnTheNextAttempt() async throws {
        let rig = try await GitHubRig(app: true, commentInterval: .seconds(1))
        defer { Task { await rig.standIn.stop() } }
        #expect(await rig.notifier.send(rig.delivery(.create, sequence: 1)) == .ok)
        rig.standIn.revokeTokens()
        rig.clock.advance(by: 5)
        #expect(await rig.notifier.send(rig.delivery(.comment, sequence: 2)) == .retryable(after: nil, reason: "HTTP 401: the installation token was refused"))
        #expect(await rig.notifier.send(rig.delivery(.comment, sequence: 2)) == .ok)
        #expect(rig.standIn.issuedTokens == 2)
        #expect(rig.standIn.issues.first?.comments.count == 1)
    }

    @Test func aSlowAnswerWithinTheTimeoutIsFine() async throws {
        let rig = try await GitHubRig(timeout: .seconds(5))
        defer { Task { await rig.standIn.stop() } }
        rig.standIn.script([.slow(.milliseconds(300))])
        #expect(await rig.notifier.send(rig.delivery(.create, sequence: 1)) == .ok)
        #expect(rig.standIn.issues.count == 1)
    }

    @Test func aRefusedIssueIsPermanent() async throws {
        let rig = try await GitHubRig()
        defer { Task { await rig.standIn.stop() } }
        let outcome = await rig.notifier.send(rig.delivery(.close, sequence: 2, alert: GitHubRig.alert(state: .resolved)))
        #expect(outcome == .permanent(reason: "no GitHub issue was opened for this occurrence, so there is none to close"))
    }
}
