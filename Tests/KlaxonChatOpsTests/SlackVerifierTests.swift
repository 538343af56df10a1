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
