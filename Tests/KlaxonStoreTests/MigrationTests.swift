import Foundation
import GRDB
import KlaxonCore
import KlaxonStore
import Testing

@Suite("SQLite schema migrations")
struct MigrationTests {
    @Test func aFreshDatabaseHasEveryMigration() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }
        #expect(try await store.appliedMigrations() == StoreSchema.migrationNames)
        #expect(Array(StoreSchema.migrationNames.prefix(3)) == ["v1", "v2", "v3"])
        #expect(StoreSchema.migrationNames.contains("v4-notify"))
        #expect(StoreSchema.migrationNames.contains("v4-github"))
    }

    @Test func aV1DatabaseIsUpgradedInPlaceWithItsData() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = Sample.delivery("slack")
        let deliveryJSON = String(decoding: try JSONEncoder().encode(delivery), as: UTF8.self)
        let alertJSON = String(decoding: try JSONEncoder().encode(Sample.alert("old")), as: UTF8.self)

        // A database as the v1 release wrote it, filled the old way.
        do {
            let queue = try DatabaseQueue(path: folder.databasePath)
            try StoreSchema.migrator(upTo: "v1").migrate(queue)
            try await queue.write { db in
                #expect(try db.columns(in: "inbox").map(\.name).contains("last_failed_at") == false)
                try db.execute(sql: """
                    INSERT INTO inbox (kind, body, received_at, request_id, attempts) VALUES ('grafana', X'7B7D', 1760000000123, 'r1', 1);
                    INSERT INTO alert_records (fingerprint, status, source, title, priority, teams, occurrences, notifications,
                        last_action, last_provider_state_at, first_seen_at, last_seen_at, manually_closed, external_ref, firing_delivered, alert)
                    VALUES ('fp-old', 'OPEN', 'cloudwatch', 'old', 'P1', '["infra"]', 3, 1, 'CREATE', 1760000000000,
                        1759990000000, 1760000000500, 0, '12', 1, ?);
                    """, arguments: [alertJSON])
                try db.execute(sql: """
                    INSERT INTO outbox (idempotency_key, receiver, fingerprint, action, delivery, created_at, attempts, next_attempt_at)
                    VALUES (?, 'slack', 'fp1', 'CREATE', ?, 1760000002500, 2, 1760000001000)
                    """, arguments: [delivery.idempotencyKey, deliveryJSON])
            }
            try queue.close()
        }

        let store = try SQLiteStorage(path: folder.databasePath)
        defer { try? store.close() }
        #expect(try await store.appliedMigrations() == StoreSchema.migrationNames)

        let pending = try await store.pending(limit: 10)
        #expect(pending.map(\.item) == [InboxItem(kind: "grafana", body: Data("{}".utf8), receivedAt: Sample.at(0.123), requestId: "r1")])
        #expect(pending.first?.attempts == 1)
        let record = try #require(try await store.records(fingerprints: ["fp-old"])["fp-old"])
        #expect(record.occurrences == 3)
        #expect(record.externalRef == "12")
        #expect(record.lastSeenAt == Sample.at(0.5))
        #expect(record.alert == Sample.alert("old"))
        let due = try await store.dueDeliveries(now: Sample.at(1), limit: 10)
        #expect(due.map(\.delivery) == [delivery])
        #expect(due.first?.attempts == 2)
        // v5 rebuilt the outbox without the key column; ids go on after the old ones.
        try await store.commit(ProcessedBatch(deliveries: [Sample.delivery("teams")]), at: Sample.at(2))
        let after = try await store.dueDeliveries(now: Sample.at(3), limit: 10)
        #expect(after.map(\.delivery.receiver) == ["slack", "teams"])
        #expect(after.map(\.id) == [due[0].id, due[0].id + 1])
        // v2's column is written by the new code.
        #expect(try await store.recordFailure(inboxId: pending[0].id, error: "bad", maxAttempts: 5, at: Sample.at(3)) == false)

        let check = try DatabaseQueue(path: folder.databasePath)
        defer { try? check.close() }
        try await check.read { db in
            #expect(try db.columns(in: "inbox").map(\.name).contains("last_failed_at"))
            #expect(try Int64.fetchOne(db, sql: "SELECT last_failed_at FROM inbox") == 1_760_000_003_000)
            let indexes = try db.indexes(on: "outbox").map(\.name)
            #expect(Set(indexes) == ["outbox_due", "outbox_retrying"])
            #expect(try db.columns(in: "outbox").map(\.name).contains("idempotency_key") == false)
            #expect(try db.indexes(on: "alert_records").map(\.name).contains("alert_records_last_seen"))
        }
    }
}
