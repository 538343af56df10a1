import Foundation
import GRDB
import KlaxonCore

// MARK: - MessageRefStore
extension SQLiteStorage {
    package func messageRef(receiver: String, fingerprint: String, occurrence: Int) async throws -> String? {
        try await read(.messageRef) { db in
            try String.fetchOne(db, sql: "SELECT ref FROM message_refs WHERE receiver = ? AND fingerprint = ? AND occurrence = ?",
                                arguments: [receiver, fingerprint, occurrence])
        }
    }

    package func setMessageRef(receiver: String, fingerprint: String, occurrence: Int, ref: String, at: Date) async throws {
        let now = StoredTime.milliseconds(at)
        try await write(.setMessageRef) { db in
            try db.execute(sql: """
                INSERT INTO message_refs (receiver, fingerprint, occurrence, ref, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(receiver, fingerprint, occurrence) DO UPDATE SET ref = excluded.ref
                """, arguments: [receiver, fingerprint, occurrence, ref, now])
        }
    }
}
