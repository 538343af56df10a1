import Foundation

/// The GitHub issue Klaxon opened for one occurrence of an alert, through one receiver, and what
/// it has written there since. Durable, so a restart neither opens a second issue nor loses the
/// count of recurrences waiting for the next comment.
package struct IssueLink: Sendable, Hashable {
    package var receiver: String
    package var fingerprint: String
    package var occurrence: Int
    /// The issue number in the receiver's repository.
    package var number: Int
    package var createdAt: Date
    /// When the last recurrence comment was posted (nil: none yet).
    package var lastCommentAt: Date?
    /// Recurrences absorbed since the last comment (they are counted in the next one).
    package var pendingRecurrences: Int
    /// The highest delivery sequence already written (a re-sent delivery is not written twice).
    package var lastSequence: Int
    /// Klaxon has closed (or is closing) the issue itself.
    package var closedByKlaxon: Bool

    package init(
        receiver: String, fingerprint: String, occurrence: Int, number: Int, createdAt: Date, lastCommentAt: Date? = nil,
        pendingRecurrences: Int = 0, lastSequence: Int = 1, closedByKlaxon: Bool = false
    ) {
        self.receiver = receiver
        self.fingerprint = fingerprint
        self.occurrence = occurrence
        self.number = number
        self.createdAt = createdAt
        self.lastCommentAt = lastCommentAt
        self.pendingRecurrences = pendingRecurrences
        self.lastSequence = lastSequence
        self.closedByKlaxon = closedByKlaxon
    }
}

/// Where ``IssueLink``s are kept (SQLite table `github_issues`, migration `v4-github`; in memory
/// for tests).
package protocol IssueLinkStore: Sendable {
    func issueLink(receiver: String, fingerprint: String, occurrence: Int) async throws -> IssueLink?
    /// The link for an issue number (for the inbound webhook).
    func issueLink(receiver: String, number: Int) async throws -> IssueLink?
    /// Inserts or replaces the link for its (receiver, fingerprint, occurrence).
    func saveIssueLink(_ link: IssueLink) async throws
}
