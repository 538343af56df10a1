import Foundation

/// A time-bounded rule that suppresses the notifications of matching alerts.
package struct Silence: Sendable, Hashable, Codable, Identifiable {
    package var id: String
    package var matchers: [Matcher]
    package var startsAt: Date
    package var endsAt: Date
    package var createdBy: String
    package var comment: String

    package init(id: String, matchers: [Matcher], startsAt: Date, endsAt: Date, createdBy: String, comment: String) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
    }

    package func isActive(at now: Date) -> Bool { startsAt <= now && now < endsAt }

    /// Active at `now` and every matcher matches. A silence without matchers matches nothing,
    /// so an empty silence can never mute everything by accident.
    package func silences(_ subject: some MatchSubject, at now: Date) -> Bool {
        isActive(at: now) && !matchers.isEmpty && matchers.allMatch(subject)
    }
}
