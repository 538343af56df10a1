import Foundation
import KlaxonStore
import KlaxonTesting
import Testing

/// The CLI works on the database of a running `klaxon serve`, without stopping it.
@Suite("klaxon mute / silence / status against a running server", .serialized)
struct CLIAgainstRunningServerTests {
    static func event(_ title: String, team: String) -> String {
        #"{"title":"\#(title)","severity":"critical","team":"\#(team)"}"#
    }

    @Test func muteSilenceAndStatusChangeWhatTheServerDoes() async throws {
        let directory = try PackagePaths.temporaryDirectory("klaxon-cli")
        let hook = RecordingHTTPServer()
        try await hook.start()
        defer { hook.stop() }
        let klaxon = try await LiveKlaxon(directory: directory, config: LivePeersTests.webhookConfig(hook))
        defer { klaxon.stop() }

        // Muted: recorded, not delivered; status shows muted_until.
        let muted = try klaxon.cli(["mute", "4h"])
        #expect(muted.hasPrefix("Muted until "))
        let status = try klaxon.status()
        #expect(status.muted_until > Int64(Date().timeIntervalSince1970) + 14_000)
        #expect(await klaxon.post("/api/v1/events", Self.event("Muted one", team: "web")) == 202)
        let recorded = await eventually { (try? klaxon.alerts().contains { $0.title == "Muted one" }) ?? false }
        #expect(recorded)

        // Unmuted, but a silence for team=storage: web goes out, storage does not.
        _ = try klaxon.cli(["unmute"])
        #expect(try klaxon.status().muted_until == 0)
        let added = try klaxon.cli(["silence", "add", "team=storage", "--duration", "1h", "--comment", "disk swap"])
        #expect(added.hasPrefix("Silence s-"))
        #expect(await klaxon.post("/api/v1/events", Self.event("Storage one", team: "storage")) == 202)
        #expect(await klaxon.post("/api/v1/events", Self.event("Web two", team: "web")) == 202)
        let delivered = await eventually { hook.requests.count >= 1 }
        #expect(delivered)
        let settled = await eventually { (try? klaxon.alerts().count) == 3 && (try? klaxon.status().outbox_depth) == 0 }
        #expect(settled)
        let titles = LivePeersTests.hookBodies(hook).map(\.alert.title)
        #expect(titles == ["Web two"])

        let list = try klaxon.cli(["silence", "list", "--json"])
        let silences = try JSONDecoder().decode([[String: JSONField]].self, from: Data(list.utf8))
        #expect(silences.count == 1)
        let id = try #require(silences.first?["id"]?.text)
        #expect(try klaxon.cli(["silence", "expire", id]).contains("expired"))
        #expect(try klaxon.cli(["silence", "list"]).contains("No silences."))

        // Every change was audited with its author, in the same write as the change.
        let store = try SQLiteStorage(path: klaxon.dataPath)
        defer { try? store.close() }
        let audit = try await store.recentAudit(limit: 20)
        let mute = try #require(audit.first { $0.step == "alert_muted" })
        #expect(mute.detail["by"] == mute.actor && mute.detail["duration"] == "4h")
        #expect(audit.first { $0.step == "alert_unmuted" }?.detail["by"] != nil)
        #expect(audit.first { $0.step == "silence_added" }?.detail["by"] != nil)
    }
}

/// A JSON field that is a string or a list of strings.
enum JSONField: Decodable {
    case text(String)
    case list([String])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .text(text) } else { self = .list(try container.decode([String].self)) }
    }

    var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}
