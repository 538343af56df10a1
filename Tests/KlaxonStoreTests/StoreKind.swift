import Foundation
import GRDB
import KlaxonCore
import KlaxonStore
import Testing

/// The implementations the conformance suite runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case memory

    var testDescription: String { rawValue }
}

/// A temporary folder removed when the test ends.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("klaxon-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var databasePath: String { url.appendingPathComponent("klaxon.sqlite").path }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Runs `sql` (a trigger, say) on the database file from a connection of its own.
    func execute(_ sql: String) async throws {
        let other = try DatabaseQueue(path: databasePath)
        try await other.write { db in try db.execute(sql: sql) }
        try other.close()
    }
}

/// Runs `body` against a fresh store of `kind`, then closes and deletes it.
func withStore(_ kind: StoreKind, _ body: (any Storage) async throws -> Void) async throws {
    switch kind {
    case .memory:
        try await body(InMemoryStorage())
    case .sqlite:
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }
        try await body(store)
    }
}

/// Test data. Dates are whole seconds or whole milliseconds, which every store keeps exactly.
enum Sample {
    static let t0 = Date(timeIntervalSince1970: 1_760_000_000)

    static func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_760_000_000 + seconds) }

    static func alert(_ title: String = "HighCPU", state: AlertEvent.State = .firing, occurredAt: Date = t0) -> AlertEvent {
        AlertEvent(
            source: "cloudwatch", state: state, title: title, description: "cpu > 90%", priority: .p1,
            occurredAt: occurredAt, teams: ["infra", "oncall"],
            resource: AlertEvent.Resource(type: "instance", id: "i-0abc", region: "us-east-1", extra: ["az": .string("us-east-1a")]),
            identity: AlertEvent.Identity(awsAccount: "123456789012", region: "us-east-1", alarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:\(title)"),
            links: AlertEvent.Links(runbookURL: "https://runbooks.example/cpu"),
            rawProvider: .object(["AlarmName": .string(title), "count": .int(3)]),
            labels: ["env": "prod"]
        )
    }

    static func record(_ fingerprint: String, lastSeen: Date = at(10.123), occurrences: Int = 1) -> AlertRecord {
        AlertRecord(
            fingerprint: fingerprint, status: .open, lastProviderStateAt: at(0.5), firstSeenAt: at(1.001),
            lastSeenAt: lastSeen, occurrences: occurrences, notifications: 2, externalRef: "17",
            lastAction: .comment, alert: alert("alert-\(fingerprint)"), firingDelivered: true
        )
    }

    static func delivery(_ receiver: String = "discord", fingerprint: String = "fp1", occurrence: Int = 1,
                         action: Lifecycle.Action = .create, sequence: Int = 1) -> Delivery {
        Delivery(receiver: receiver, fingerprint: fingerprint, occurrence: occurrence, action: action, sequence: sequence,
                 alert: alert(), createdAt: at(2.5))
    }

    static func item(_ text: String, kind: String = "cloudwatch", receivedAt: Date = at(0.123)) -> InboxItem {
        InboxItem(kind: kind, body: Data(text.utf8), receivedAt: receivedAt, requestId: "req-\(text)")
    }
}
