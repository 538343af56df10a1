import Foundation
import KlaxonChatOps
import Testing

@Suite("Discord request verification (Ed25519 over timestamp + body)")
struct DiscordVerifierTests {
    /// The captured vector: key, timestamp, body and signature made with PyNaCl.
    struct Captured {
        var publicKey: String
        var otherPublicKey: String
        var timestamp: String
        var body: String
        var signature: String

        static func load() throws -> Captured {
            var fields: [String: String] = [:]
            var other = ""
            for line in try Fixture.text("discord-ed25519-vector.txt").split(separator: "\n") {
                guard let equals = line.firstIndex(of: "=") else { continue }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if key.hasPrefix("random public_key") {
                    other = String(value.prefix(64))
                } else {
                    fields[key] = value
                }
            }
            return Captured(
                publicKey: try #require(fields["public_key(hex)"]), otherPublicKey: other,
                timestamp: try #require(fields["timestamp"]), body: try #require(fields["body"]),
                signature: try #require(fields["signature(hex)"]))
        }

        var now: Date { Date(timeIntervalSince1970: TimeInterval(Int(timestamp)!)) }
    }

    @Test func capturedVectorVerifies() throws {
        let vector = try Captured.load()
        let verifier = try #require(DiscordVerifier(publicKeyHex: vector.publicKey))
        try verifier.verify(signature: vector.signature, timestamp: vector.timestamp, body: Data(vector.body.utf8), now: vector.now)
        // Upper-case hex is the same signature.
        try verifier.verify(signature: vector.signature.uppercased(), timestamp: vector.timestamp, body: Data(vector.body.utf8), now: vector.now)
    }

    enum Tamper: String, CaseIterable {
        case body, timestamp, signatureBit, wrongKey, missingSignature, missingTimestamp, emptySignature, shortSignature, oddHexSignature
        case staleTimestamp, futureTimestamp
    }

    @Test("the captured request, changed, is refused", arguments: Tamper.allCases)
    func capturedVectorTampered(_ tamper: Tamper) throws {
        let vector = try Captured.load()
        var key = vector.publicKey
        var signature: String? = vector.signature
        var timestamp: String? = vector.timestamp
        var body = vector.body
        var now = vector.now
        let expected: ChatAuthError.Reason
        switch tamper {
        case .body: body = #"{"type":2}"#; expected = .badSignature
        case .timestamp: timestamp = String(Int(vector.timestamp)! + 1); expected = .badSignature
        case .signatureBit:
            var bytes = Array(vector.signature)
            bytes[10] = bytes[10] == "0" ? "1" : "0"
            signature = String(bytes); expected = .badSignature
        case .wrongKey: key = vector.otherPublicKey; expected = .badSignature
        case .missingSignature: signature = nil; expected = .missingSignature
        case .missingTimestamp: timestamp = nil; expected = .missingTimestamp
        case .emptySignature: signature = ""; expected = .missingSignature
        case .shortSignature: signature = String(vector.signature.dropLast(2)); expected = .malformedSignature
        case .oddHexSignature: signature = String(vector.signature.dropLast()) + "z"; expected = .malformedSignature
        case .staleTimestamp: now = vector.now.addingTimeInterval(301); expected = .staleTimestamp
        case .futureTimestamp: now = vector.now.addingTimeInterval(-301); expected = .staleTimestamp
        }
        let verifier = try #require(DiscordVerifier(publicKeyHex: key))
        #expect(throws: ChatAuthError(expected)) {
            try verifier.verify(signature: signature, timestamp: timestamp, body: Data(body.utf8), now: now)
        }
    }

    @Test("garbage timestamps are refused before the signature is checked", arguments: [
        "abc", "+1700000000", "-1700000000", " 1700000000", "1700000000 ", "1.7e9", "1700000000.5", "0x6553f100", "99999999999999999999",
    ])
    func garbageTimestamp(_ timestamp: String) throws {
        let vector = try Captured.load()
        let verifier = try #require(DiscordVerifier(publicKeyHex: vector.publicKey))
        #expect(throws: ChatAuthError(.malformedTimestamp)) {
            try verifier.verify(signature: vector.signature, timestamp: timestamp, body: Data(vector.body.utf8), now: vector.now)
        }
    }

    @Test("a timestamp exactly 300 s off is still inside the window")
    func windowEdge() throws {
        let vector = try Captured.load()
        let verifier = try #require(DiscordVerifier(publicKeyHex: vector.publicKey))
        try verifier.verify(signature: vector.signature, timestamp: vector.timestamp, body: Data(vector.body.utf8), now: vector.now.addingTimeInterval(300))
        try verifier.verify(signature: vector.signature, timestamp: vector.timestamp, body: Data(vector.body.utf8), now: vector.now.addingTimeInterval(-300))
    }

    @Test("a public key that is not 32 bytes of hex is refused", arguments: ["", "abc", String(repeating: "a", count: 62), String(repeating: "g", count: 64)])
    func badKey(_ key: String) {
        #expect(DiscordVerifier(publicKeyHex: key) == nil)
    }

    @Test func pyNaClSignedRequestsVerifyAndTamperedOnesDoNot() throws {
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        let timestamp = "1760000000"
        let bodies = [
            #"{"type":1}"#,
            #"{"type":2,"token":"t","application_id":"1","member":{"user":{"id":"42","username":"ops"}},"data":{"name":"mute-alerts","options":[{"type":3,"name":"duration","value":"4h"}]}}"#,
            #"{"type":3,"data":{"custom_id":"klaxon_ack:abc","component_type":2},"token":"t","application_id":"1","user":{"id":"7"}}"#,
            "ünïcödé ✓ \u{1F6A8}",
        ]
        let signed = try PyNaClSigner.sign(bodies.map { (timestamp, $0) })
        let verifier = try #require(DiscordVerifier(publicKeyHex: signed.publicKey))
        let wrong = try #require(DiscordVerifier(publicKeyHex: signed.otherPublicKey))
        for (body, signature) in zip(bodies, signed.signatures) {
            try verifier.verify(signature: signature, timestamp: timestamp, body: Data(body.utf8), now: now)
            #expect(throws: ChatAuthError(.badSignature)) {
                try verifier.verify(signature: signature, timestamp: timestamp, body: Data((body + " ").utf8), now: now)
            }
            #expect(throws: ChatAuthError(.badSignature)) {
                try wrong.verify(signature: signature, timestamp: timestamp, body: Data(body.utf8), now: now)
            }
            #expect(throws: ChatAuthError(.staleTimestamp)) {
                try verifier.verify(signature: signature, timestamp: timestamp, body: Data(body.utf8), now: now.addingTimeInterval(3600))
            }
            #expect(throws: ChatAuthError(.missingSignature)) {
                try verifier.verify(signature: nil, timestamp: timestamp, body: Data(body.utf8), now: now)
            }
            #expect(throws: ChatAuthError(.missingTimestamp)) {
                try verifier.verify(signature: signature, timestamp: nil, body: Data(body.utf8), now: now)
            }
        }
    }
}
