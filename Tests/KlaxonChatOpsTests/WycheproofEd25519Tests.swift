import Foundation
import KlaxonCore
import KlaxonChatOps
import Testing

/// Wycheproof's Ed25519 verify vectors against the verifier's bare Ed25519 check: every valid
/// signature verifies and every invalid one (malleated S, bad encodings, wrong lengths) does not.
@Suite("Wycheproof Ed25519 vectors")
struct WycheproofEd25519Tests {
    struct Vector: CustomTestStringConvertible, Sendable {
        var tcId: Int
        var publicKey: String
        var message: String
        var signature: String
        var valid: Bool
        var comment: String
        var testDescription: String { "tcId \(tcId) \(valid ? "valid" : "invalid") \(comment)" }
    }

    static func vectors() throws -> [Vector] {
        let root = try Fixture.json("wycheproof-ed25519_test.json")
        var vectors: [Vector] = []
        for group in root["testGroups"] as? [[String: Any]] ?? [] {
            let key = (group["publicKey"] as? [String: Any])?["pk"] as? String ?? ""
            for test in group["tests"] as? [[String: Any]] ?? [] {
                vectors.append(Vector(
                    tcId: test["tcId"] as? Int ?? -1, publicKey: key, message: test["msg"] as? String ?? "",
                    signature: test["sig"] as? String ?? "", valid: test["result"] as? String == "valid",
                    comment: test["comment"] as? String ?? ""))
            }
        }
        return vectors
    }

    /// A sample: every third vector plus all that test signature malleability and encodings.
    static let sample: [Int] = Array(stride(from: 1, through: 151, by: 3)) + Array(60...90)

    @Test("vector", arguments: Set(sample).sorted())
    func vector(_ tcId: Int) throws {
        let all = try Self.vectors()
        #expect(all.count == 151)
        let vector = try #require(all.first { $0.tcId == tcId })
        let key = try #require(Hex.decode(vector.publicKey))
        let message = try #require(Hex.decode(vector.message))
        // An odd-length or non-hex signature cannot be valid; hand the verifier whatever bytes there are.
        let signature = Hex.decode(vector.signature) ?? Array(vector.signature.utf8)
        #expect(DiscordVerifier.isValid(signature: signature, message: message, publicKey: key) == vector.valid, "\(vector.testDescription)")
    }
}
