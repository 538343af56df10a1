import Foundation
import KlaxonCore

/// The read-outs shared by the CLI (`klaxon status`, `klaxon alerts list`, `klaxon dlq list`) and
/// the HTTP API. They read the same database a running `klaxon serve` writes.
package enum AdminReports {
    /// `klaxon status --json`.
    package struct Status: Codable, Sendable, Equatable {
        package var mutedUntil: Int64
        package var muted: Bool
        package var mutedBy: String?
        package var inboxDepth: Int
        package var outboxDepth: Int
        package var deadLetters: Int
        package var openAlerts: Int
        package var activeSilences: Int
        /// `true` when the mute gate could not be read (an SSM outage): alerts go through, so
        /// the status says not muted — and says why it cannot be sure. Absent otherwise.
        package var muteUnreadable: Bool? = nil

        enum CodingKeys: String, CodingKey {
            case mutedUntil = "muted_until", muted, mutedBy = "muted_by", inboxDepth = "inbox_depth"
            case outboxDepth = "outbox_depth", deadLetters = "dead_letters", openAlerts = "open_alerts"
            case activeSilences = "active_silences", muteUnreadable = "mute_unreadable"
        }
    }

    package static func status(_ storage: any Storage, now: Date) async throws -> Status {
        // Fail open, as the processor does: an unreadable gate is not a mute.
        let read = try? await storage.muteState()
        let mute = read ?? MuteState(value: nil)
        let decision = MuteGate.decide(storedValue: mute.value, now: now)
        var until: Int64 = 0
        if case .muted(let value) = decision { until = value }
        let open = try await storage.openRecordCount()
        return Status(
            mutedUntil: until, muted: until > 0, mutedBy: until > 0 ? mute.by : nil,
            inboxDepth: try await storage.inboxDepth(), outboxDepth: try await storage.outboxDepth(),
            deadLetters: try await storage.deadLetterCount(), openAlerts: open,
            activeSilences: try await storage.activeSilences(at: now).count, muteUnreadable: read == nil ? true : nil)
    }

    /// One row of `klaxon alerts list --json`.
    package struct AlertRow: Codable, Sendable, Equatable {
        package var fingerprint: String
        package var source: String
        package var title: String
        package var status: String
        package var state: String
        package var priority: String
        package var teams: [String]
        package var occurrences: Int
        package var notifications: Int
        package var lastAction: String?
        package var firstSeenAt: String
        package var lastSeenAt: String
        package var lastProviderStateAt: String
        package var manuallyClosed: Bool
        package var externalRef: String?

        enum CodingKeys: String, CodingKey {
            case fingerprint, source, title, status, state, priority, teams, occurrences, notifications
            case lastAction = "last_action", firstSeenAt = "first_seen_at", lastSeenAt = "last_seen_at"
            case lastProviderStateAt = "last_provider_state_at", manuallyClosed = "manually_closed", externalRef = "external_ref"
        }

        package init(_ record: AlertRecord) {
            fingerprint = record.fingerprint
            source = record.alert.source
            title = record.alert.title
            status = record.status.rawValue
            state = record.alert.state.rawValue
            priority = record.alert.priority.rawValue
            teams = record.alert.teams
            occurrences = record.occurrences
            notifications = record.notifications
            lastAction = record.lastAction?.rawValue
            firstSeenAt = Timestamp.format(record.firstSeenAt)
            lastSeenAt = Timestamp.format(record.lastSeenAt)
            lastProviderStateAt = Timestamp.format(record.lastProviderStateAt)
            manuallyClosed = record.manuallyClosed
            externalRef = record.externalRef
        }
    }

    package static func alerts(_ storage: any Storage, limit: Int = 10_000) async throws -> [AlertRow] {
        try await storage.allRecords(limit: limit).map(AlertRow.init)
    }

    /// One row of `klaxon dlq list --json`.
    package struct DeadLetterRow: Codable, Sendable, Equatable {
        package var id: Int64
        package var kind: String
        package var origin: String
        package var error: String
        package var attempts: Int
        package var createdAt: String
        package var bytes: Int

        enum CodingKeys: String, CodingKey {
            case id, kind, origin, error, attempts, createdAt = "created_at", bytes
        }
    }

    package static func deadLetters(_ storage: any Storage, limit: Int = 1000) async throws -> [DeadLetterRow] {
        try await storage.deadLetters(limit: limit).map {
            DeadLetterRow(id: $0.id, kind: $0.kind.rawValue, origin: $0.origin, error: $0.error, attempts: $0.attempts,
                          createdAt: Timestamp.format($0.createdAt), bytes: $0.body.count)
        }
    }

    /// One row of `klaxon silence list --json`.
    package struct SilenceRow: Codable, Sendable, Equatable {
        package var id: String
        package var matchers: [String]
        package var startsAt: String
        package var endsAt: String
        package var createdBy: String
        package var comment: String

        enum CodingKeys: String, CodingKey {
            case id, matchers, startsAt = "starts_at", endsAt = "ends_at", createdBy = "created_by", comment
        }

        package init(_ silence: Silence) {
            id = silence.id
            matchers = silence.matchers.map(\.description)
            startsAt = Timestamp.format(silence.startsAt)
            endsAt = Timestamp.format(silence.endsAt)
            createdBy = silence.createdBy
            comment = silence.comment
        }
    }

    package static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
