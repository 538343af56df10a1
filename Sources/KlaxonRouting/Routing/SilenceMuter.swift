import Foundation
import KlaxonCore

/// Silences as a muter that says why: instead of a yes/no it returns the silence that applies, so
/// the caller can record its id, author and comment with the suppressed alert.
package struct SilenceMuter {
    /// The first silence, in the given order, that is active at `at` and whose matchers all match
    /// the alert; nil when none does. A silence without matchers matches nothing.
    package static func firstSilencing(_ silences: [Silence], subject: some MatchSubject, at now: Date) -> Silence? {
        silences.first { $0.silences(subject, at: now) }
    }
}
