import Foundation

/// Which storage operation was running when something went wrong. A bounded set: safe as a log
/// field or metric label.
package enum StoreOperation: String, Sendable, Hashable, CaseIterable {
    case open, migrate, ping, checkpoint
    case append, pending, recordFailure, inboxDepth
    case deadLetters, deadLetterCount, replayDeadLetter
    case records, allRecords, setExternalRef, markManuallyClosed
    case dueDeliveries, markDelivered, reschedule, deadLetterDelivery, outboxDepth, nextDueAt
    case muteState, setMutedUntil
    case addSilence, expireSilence, activeSilences, allSilences
    case appendAudit, recentAudit
    case commit
    case issueLink, saveIssueLink
    case messageRef, setMessageRef
}
