import Foundation
import KlaxonCore

// MARK: - IssueLinkStore
extension InMemoryStorage {
    static func issueLinkKey(_ receiver: String, _ fingerprint: String, _ occurrence: Int) -> String {
        "\(receiver)|\(fingerprint)|\(occurrence)"
    }

    package func issueLink(receiver: String, fingerprint: String, occurrence: Int) async throws -> IssueLink? {
        try check(.issueLink)
        return issueLinks[Self.issueLinkKey(receiver, fingerprint, occurrence)]
    }

    package func issueLink(receiver: String, number: Int) async throws -> IssueLink? {
        try check(.issueLink)
        // The newest occurrence wins, as in SQLite.
        return issueLinks.values.filter { $0.receiver == receiver && $0.number == number }.max { $0.occurrence < $1.occurrence }
    }

    package func saveIssueLink(_ link: IssueLink) async throws {
        try check(.saveIssueLink)
        var stored = link
        stored.createdAt = StoredTime.normalized(link.createdAt)
        stored.lastCommentAt = link.lastCommentAt.map(StoredTime.normalized)
        issueLinks[Self.issueLinkKey(link.receiver, link.fingerprint, link.occurrence)] = stored
    }
}
