import Foundation
import KlaxonChatOps
import KlaxonTesting
import Testing

enum Fixture {
    static func url(_ name: String, folder: String = "Fixtures") throws -> URL {
        let base = try #require(Bundle.module.url(forResource: folder, withExtension: nil))
        return base.appendingPathComponent(name)
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
    static func text(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }

    static func json(_ name: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data(name)) as? [String: Any])
    }
}

/// Signs requests with PyNaCl in a separate python3 process: an Ed25519 implementation
/// independent of swift-crypto's.
enum PyNaClSigner {
    struct Signed {
        var publicKey: String
        var otherPublicKey: String
        var signatures: [String]
    }

    static func sign(_ requests: [(timestamp: String, body: String)]) throws -> Signed {
        let script = try Fixture.url("discord_sign.py", folder: "Scripts").path
        let input = try JSONSerialization.data(withJSONObject: ["requests": requests.map { ["timestamp": $0.timestamp, "body": $0.body] }])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "discord_sign.py failed (run scripts/install-test-deps.sh for PyNaCl): \(String(decoding: errors, as: UTF8.self))")
        let object = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        return Signed(
            publicKey: try #require(object["public_key"] as? String),
            otherPublicKey: try #require(object["other_public_key"] as? String),
            signatures: try #require(object["signatures"] as? [String]))
    }
}
