import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonTesting
import Testing
import _CryptoExtras

@Suite("GitHub issue text, limits, JWT and the octokit create-issue shape")
struct GitHubContentTests {
    static func delivery(_ action: Lifecycle.Action, alert: AlertEvent = GitHubRig.alert()) -> Delivery {
        Delivery(receiver: "issues", fingerprint: alert.fingerprint, occurrence: 3, action: action, sequence: 1, alert: alert,
                 createdAt: Date(timeIntervalSince1970: 1_760_000_000))
    }

    @Test func issueBodyMatchesItsGoldenFile() throws {
        try NotifierFixture.expectGolden(GitHubIssueContent.body(for: Self.delivery(.create)), "github-issue-body.md")
    }

    @Test func commentAndClosingMatchTheirGoldenFiles() throws {
        try NotifierFixture.expectGolden(GitHubIssueContent.comment(for: Self.delivery(.comment), folded: 4), "github-comment.md")
        try NotifierFixture.expectGolden(
            GitHubIssueContent.closing(for: Self.delivery(.close, alert: GitHubRig.alert(state: .resolved)), folded: 1), "github-closing.md")
    }

    @Test func theMarkerReadsBack() {
        let delivery = Self.delivery(.create)
        #expect(GitHubIssueContent.fingerprint(inBody: GitHubIssueContent.body(for: delivery)) == delivery.fingerprint)
        #expect(GitHubIssueContent.fingerprint(inBody: "a person's issue") == nil)
    }

    @Test func longTitlesAndBodiesAreCutWithAMarkerNotRefused() {
        var alert = GitHubRig.alert()
        alert.title = String(repeating: "T", count: 400)
        alert.description = String(repeating: "d", count: 100_000)
        let delivery = Self.delivery(.create, alert: alert)
        let title = GitHubIssueContent.title(for: delivery)
        let body = GitHubIssueContent.body(for: delivery)
        #expect(title.count == 256 && title.hasSuffix("(truncated by Klaxon)"))
        #expect(body.count <= 65_536)
        #expect(body.contains("(truncated by Klaxon)"))
        #expect(body.hasPrefix("<!-- klaxon:fingerprint="))
        #expect(body.contains("### Links"))
    }

    /// The request body has the fields of octokit's recorded create-issue request, plus body and labels.
    @Test func createRequestHasTheRecordedShape() throws {
        let recorded = try JSONSerialization.jsonObject(with: try NotifierFixture.data("octokit-fixtures-create-issue-request-response.json")) as? [String: Any]
        let recordedBody = try #require(recorded?["body"] as? [String: Any])
        #expect(recorded?["method"] as? String == "post")
        #expect((recorded?["path"] as? String)?.hasSuffix("/issues") == true)
        let response = try #require(recorded?["response"] as? [String: Any])
        #expect(response["number"] as? Int == 1)
        let ours = ["title": GitHubIssueContent.title(for: Self.delivery(.create)), "body": "…", "labels": "…"]
        #expect(Set(recordedBody.keys).isSubset(of: Set(ours.keys)))
    }

    /// PKCS#1 v1.5 signatures are deterministic: signing the vector's header.claims with the
    /// vector's key must give its signature byte for byte.
    @Test func rs256SignatureMatchesTheUniversalGitHubAppJWTVector() throws {
        let vector = try JSONSerialization.jsonObject(with: try NotifierFixture.data("github-app-jwt-vector.json")) as? [String: Any]
        let token = try #require((vector?["expected_result"] as? [String: Any])?["token"] as? String)
        let parts = token.split(separator: ".")
        let key = try NotifierFixture.testKey()
        let signature = try key.signature(for: Data("\(parts[0]).\(parts[1])".utf8), padding: .insecurePKCS1v1_5)
        #expect(GitHubAppJWT.base64URL(signature.rawRepresentation) == String(parts[2]))
    }

    @Test func ourJWTHasGitHubsClaims() throws {
        let key = try NotifierFixture.testKey()
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        let jwt = try GitHubAppJWT.make(appId: "123456", key: key, now: now)
        let parts = jwt.split(separator: ".")
        #expect(parts.count == 3)
        let header = try #require(GitHubAppJWT.decodeBase64URL(parts[0]))
        let claims = try #require(GitHubAppJWT.decodeBase64URL(parts[1]))
        #expect(String(decoding: header, as: UTF8.self) == #"{"alg":"RS256","typ":"JWT"}"#)
        #expect(String(decoding: claims, as: UTF8.self) == #"{"iat":1759999940,"exp":1760000540,"iss":123456}"#)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(GitHubAppJWT.decodeBase64URL(parts[2])))
        #expect(key.publicKey.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])".utf8), padding: .insecurePKCS1v1_5))
    }

    @Test(arguments: [
        (403, GitHubResponse.RateHeaders(remaining: "0", reset: "1760000090"), "retryable 90.0"),
        (403, GitHubResponse.RateHeaders(retryAfter: "12"), "retryable 12.0"),
        (429, GitHubResponse.RateHeaders(), "retryable 60.0"),
        (403, GitHubResponse.RateHeaders(remaining: "4999"), "permanent"),
        (422, GitHubResponse.RateHeaders(), "permanent"),
        (502, GitHubResponse.RateHeaders(), "retryable nil"),
        (201, GitHubResponse.RateHeaders(), "ok"),
    ])
    func responsesAreClassified(_ status: Int, headers: GitHubResponse.RateHeaders, expected: String) {
        let outcome = GitHubResponse.classify(status: status, headers: headers, body: "{}", now: Date(timeIntervalSince1970: 1_760_000_000))
        switch outcome {
        case .ok: #expect(expected == "ok")
        case .permanent: #expect(expected == "permanent")
        case .retryable(let after, _): #expect(expected == "retryable \(after.map { String($0.seconds) } ?? "nil")")
        }
    }
}
