import AsyncHTTPClient
import Crypto
import Foundation
import KlaxonCore
import KlaxonChatOps
import KlaxonTesting
import NIOCore
import NIOFoundationCompat
import Testing

/// The real `klaxon` binary: a Discord mute shows in `klaxon status --json`, and
/// `klaxon discord register-commands --dry-run` prints the request without any token.
@Suite("Chat-ops against a running klaxon serve", .serialized)
struct ChatOpsLiveTests {
    @Test func chatMuteShowsInStatusJSONAndUnmuteResetsIt() async throws {
        let directory = try PackagePaths.temporaryDirectory("klaxon-chatops")
        let key = Curve25519.Signing.PrivateKey()
        let config = """
        chatops:
          discord:
            public_key: "\(Hex.encode(key.publicKey.rawRepresentation))"
            application_id: "123"
        receivers:
          - name: console
            console: {}
        routes:
          - receivers: [console]
        """
        let klaxon = try await LiveKlaxon(directory: directory, config: config)
        defer { klaxon.stop() }
        func send(_ name: String, _ options: String) async throws -> Int {
            let body = #"{"type":2,"id":"1","application_id":"123","token":"tok","member":{"user":{"id":"42","username":"ops"}},"data":{"name":"\#(name)","options":[\#(options)]}}"#
            return try await LiveDiscordInteraction.send(body, to: klaxon, key: key).status
        }
        let before = Int64(Date().timeIntervalSince1970)
        #expect(try await send("mute-alerts", #"{"type":3,"name":"duration","value":"4h"}"#) == 200)
        let after = Int64(Date().timeIntervalSince1970)
        let muted = try klaxon.status().muted_until
        #expect(muted >= before + 14_400 && muted <= after + 14_400, "muted_until \(muted)")
        #expect(try await send("unmute-alerts", "") == 200)
        #expect(try klaxon.status().muted_until == 0)
    }

    @Test func registerCommandsDryRunPrintsTheRequestAndNoToken() throws {
        let directory = try PackagePaths.temporaryDirectory("klaxon-register")
        let path = directory.appendingPathComponent("klaxon.yaml").path
        try """
        chatops:
          discord:
            public_key: "\(String(repeating: "ab", count: 32))"
            application_id: "123"
            bot_token_env: TEST_BOT_TOKEN
        receivers:
          - name: console
            console: {}
        routes:
          - receivers: [console]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["TEST_BOT_TOKEN"] = "very-secret-bot-token"
        let result = try LocalProcess.run(PackagePaths.klaxonBinary, ["discord", "register-commands", "--config", path, "--guild", "99", "--dry-run"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("PUT https://discord.com/api/v10/applications/123/guilds/99/commands\n"))
        #expect(result.stdout.contains(#""name" : "mute-alerts""#))
        #expect(!(result.stdout + result.stderr).contains("very-secret-bot-token"))
    }
}
