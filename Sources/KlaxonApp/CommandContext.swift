import Foundation
import KlaxonCore
import KlaxonRouting
import KlaxonStore

/// What a one-shot CLI command needs: the configuration and the database a server uses.
package struct CommandContext: Sendable {
    package let config: KlaxonConfig
    package let storage: any Storage

    package init(options: ServeOptions) throws {
        let (config, _) = try options.resolve(generateToken: { "" })
        self.config = config
        storage = try SQLiteStorage(path: config.storage.path, sync: config.storage.sync == .full ? .full : .normal)
    }

    /// Writes the mute gate and the audit row. Returns the "muted until" unix time.
    package func mute(for duration: MuteDuration, by actor: String, now: Date = Date()) async throws -> Int64 {
        let until = Int64(now.timeIntervalSince1970) + duration.seconds
        try await storage.setMutedUntil(until, by: actor, at: now)
        try await storage.appendAudit([AuditEntry(at: now, step: "alert_muted", actor: actor, detail: ["duration": duration.text, "muted_until": String(until)])])
        return until
    }

    package func unmute(by actor: String, now: Date = Date()) async throws {
        try await storage.setMutedUntil(0, by: actor, at: now)
        try await storage.appendAudit([AuditEntry(at: now, step: "alert_unmuted", actor: actor)])
    }
}
