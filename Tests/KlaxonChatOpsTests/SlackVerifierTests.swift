import Foundation
import KlaxonChatOps
import Testing

@Suite("Slack request verification (v0 HMAC-SHA256)")
struct SlackVerifierTests {
    struct Example {
        var secret: String
        var timestamp: String
        var body: String
        var signature: String

        static func load() throws -> Example {
            let json = try Fixture.json("signing-example-vector.json")
            return Example(
                secret: try #require(json["signing_secret"] as? String), timestamp: try #require(json["timestamp"] as? String),
                body: try #require(json["body"] as? String), signature: try #require(json["expected_signature"] as? String))
        }

        var now: Date { Date(timeIntervalSince1970: TimeInterval(Int(timestamp)!)) }
    }

    @Test func documentedExampleVerifies() throws {
        let example = try Example.load()
        let verifier = SlackVerifier(signingSecret: example.secret)
        try verifier.verify(signature: example.signature, timestamp: example.timestamp, body: Data(example.body.utf8), now: example.now)
        #expect(verifier.signature(timestamp: example.timestamp, body: Data(example.body.utf8)) == example.signature)
    }

    @Test("the documented example, changed, is refused", arguments: [
        ("body", ChatAuthError.Reason.badSignature), ("secret", .badSignature), ("stale", .staleTimestamp), ("timestamp", .badSignature),
        ("noPrefix", .malformedSignature), ("v1", .malformedSignature), ("missingSignature", .missingSignature),
        ("missingTimestamp", .missingTimestamp), ("garbageTimestamp", .malformedTimestamp),
    ])
    func tampered(_ change: String, _ expected: ChatAuthError.Reason) throws {
        let example = try Example.load()
        var secret = example.secret
        var body = example.body
        var signature: String? = example.signature
        var timestamp: String? = example.timestamp
        var now = example.now
        switch change {
        case "body": body += "&x=1"
        case "secret": secret = "8f742231b10e8888abcd99yyyzzz85a6"
        case "stale": now = now.addingTimeInterval(5 * 60 + 1)
        case "timestamp": timestamp = String(Int(example.timestamp)! - 1)
        case "noPrefix": signature = String(example.signature.dropFirst(3))
        case "v1": signature = "v1=" + example.signature.dropFirst(3)
        case "missingSignature": signature = nil
        case "missingTimestamp": timestamp = nil
        case "garbageTimestamp": timestamp = "soon"
        default: Issue.record("unknown change \(change)")
        }
        let verifier = SlackVerifier(signingSecret: secret)
        #expect(throws: ChatAuthError(expected)) {
            try verifier.verify(signature: signature, timestamp: timestamp, body: Data(body.utf8), now: now)
        }
    }
}

@Suite("Where Slack follow-ups may go")
struct SlackResponseURLPolicyTests {
    @Test("the default allows Slack's hooks only", arguments: [
        ("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", true),
        ("https://hooks.slack.com/actions/T111/111/random-value", true), ("HTTPS://HOOKS.SLACK.COM/actions/1", true),
        ("http://hooks.slack.com/actions/1", false), ("https://hooks.slack.com.evil.example/actions/1", false),
        ("https://hooks.slack.com@evil.example/actions/1", false), ("https://user@hooks.slack.com/actions/1", false),
        ("https://evil.example/https://hooks.slack.com/", false), ("http://127.0.0.1:8080/actions-1", false),
        ("http://169.254.169.254/latest/meta-data/", false), ("not a url", false), ("", false),
    ])
    func defaults(_ url: String, _ allowed: Bool) {
        #expect(SlackResponseURLPolicy().allows(url) == allowed)
    }

    @Test("a configured prefix: scheme and host equal, port when given, path prefix", arguments: [
        ("http://127.0.0.1:8080/actions-1", true), ("http://127.0.0.1:9/x", true), ("https://127.0.0.1/x", false),
        ("http://127.0.0.10/x", false), ("http://localhost/x", false),
    ])
    func configured(_ url: String, _ allowed: Bool) {
        #expect(SlackResponseURLPolicy(prefixes: ["http://127.0.0.1/"]).allows(url) == allowed)
        #expect(SlackResponseURLPolicy(prefixes: ["http://127.0.0.1:8080/actions"]).allows("http://127.0.0.1:9/actions-1") == false)
        #expect(SlackResponseURLPolicy(prefixes: ["http://127.0.0.1:8080/actions"]).allows("http://127.0.0.1:8080/actions-1"))
    }

    @Test("prefixes a config may hold", arguments: [
        ("https://hooks.slack.com/", true), ("http://127.0.0.1/", true), ("https://hooks.slack.com", true), ("https://hooks.slack.com/commands", false),
        ("ftp://hooks.slack.com/", false), ("https://a@hooks.slack.com/", false), ("https:///", false), ("https://hooks.slack.com/?a=1", false),
    ])
    func prefixes(_ prefix: String, _ valid: Bool) {
        #expect(SlackResponseURLPolicy.isValidPrefix(prefix) == valid)
    }
}
