import Foundation

/// Where a notifier keeps the id of a chat message it posted (a Discord message id, a Slack
/// channel + ts), so it can edit that message in place when the alert resolves.
///
/// Kept per (receiver, fingerprint, occurrence): a new occurrence of the alert is a new message.
/// Durable (SQLite table `message_refs`, migration `v4-notify`) so an edit still finds its message
/// after a restart; the in-memory store keeps the same semantics for tests.
package protocol MessageRefStore: Sendable {
    /// The reference saved for this alert's occurrence at this receiver, or nil.
    func messageRef(receiver: String, fingerprint: String, occurrence: Int) async throws -> String?
    /// Saves (or replaces) the reference.
    func setMessageRef(receiver: String, fingerprint: String, occurrence: Int, ref: String, at: Date) async throws
}
