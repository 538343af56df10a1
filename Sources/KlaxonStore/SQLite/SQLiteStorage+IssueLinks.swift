import Foundation
import GRDB
import KlaxonCore

// MARK: - IssueLinkStore
extension SQLiteStorage {
    static let issueLinkColumns = """
        receiver, fingerprint, occurrence, number, created_at, last_comment_at, pending_recurrences, last_sequence, closed_by_klaxon
        """

    package func issueLink(receiver: String, fingerprint: String, occurrence: Int) async throws -> IssueLink? {
        try await read(.issueLink) { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.issueLinkColumns) FROM github_issues WHERE receiver = ? AND fingerprint = ? AND occurrence = ?
                """, arguments: [receiver, fingerprint, occurrence]).map(Self.issueLink(from:))
        }
    }

    package func issueLink(receiver: String, number: Int) async throws -> IssueLink? {
        try await read(.issueLink) { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.issueLinkColumns) FROM github_issues WHERE receiver = ? AND number = ? ORDER BY occurrence DESC LIMIT 1
                """, arguments: [receiver, number]).map(Self.issueLink(from:))
        }
    }

    package func saveIssueLink(_ link: IssueLink) async throws {
        try await write(.saveIssueLink) { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO github_issues (\(Self.issueLinkColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    link.receiver, link.fingerprint, link.occurrence, link.number, StoredTime.milliseconds(link.createdAt),
                    link.lastCommentAt.map(StoredTime.milliseconds), link.pendingRecurrences, link.lastSequence, link.closedByKlaxon,
                ])
        }
    }

    static func issueLink(from row: Row) -> IssueLink {
        IssueLink(
            receiver: row["receiver"], fingerprint: row["fingerprint"], occurrence: row["occurrence"], number: row["number"],
            createdAt: StoredTime.date(milliseconds: row["created_at"]),
            lastCommentAt: (row["last_comment_at"] as Int64?).map { StoredTime.date(milliseconds: $0) },
            pendingRecurrences: row["pending_recurrences"], lastSequence: row["last_sequence"], closedByKlaxon: row["closed_by_klaxon"])
    }
}
