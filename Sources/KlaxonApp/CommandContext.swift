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
        // Only `serve` creates a database; a command pointed at a path with none was given the
        // wrong --data (or run in the wrong folder), and must not report success on a new file.
        guard FileManager.default.fileExists(atPath: config.storage.path) else {
            throw ServeOptions.Problem(description: "no Klaxon database at \(config.storage.path): start `klaxon serve` with this --data first, or pass the --data/--config it uses")
        }
        let database = try SQLiteStorage(path: config.storage.path, sync: config.storage.sync == .full ? .full : .normal)
        let awsClient = try AWSEdge.client(for: config, environment: options.environment, http: .shared)
        storage = SSMMuteGate.wrap(database, config: config, client: awsClient)
    }

    /// Writes the mute gate and its audit row in one transaction. Returns the "muted until" unix time.
    package func mute(for duration: MuteDuration, by actor: String, now: Date = Date()) async throws -> Int64 {
        let until = Int64(now.timeIntervalSince1970) + duration.seconds
        try await storage.setMutedUntil(until, by: actor, at: now, audit: AuditEntry(at: now, step: "alert_muted", actor: actor, detail: [
            "duration": duration.text, "muted_until": String(until), "by": actor,
        ]))
        return until
    }

    package func unmute(by actor: String, now: Date = Date()) async throws {
        try await storage.setMutedUntil(0, by: actor, at: now, audit: AuditEntry(at: now, step: "alert_unmuted", actor: actor, detail: ["by": actor]))
    }

    /// Adds a silence starting now and its audit row in one transaction.
    package func addSilence(matchers: [Matcher], duration: MuteDuration, comment: String, by actor: String, now: Date = Date()) async throws -> Silence {
        let silence = Silence(
            id: "s-" + ServeOptions.randomToken().prefix(12), matchers: matchers, startsAt: now,
            endsAt: now.addingTimeInterval(TimeInterval(duration.seconds)), createdBy: actor, comment: comment)
        try await storage.addSilence(silence, audit: AuditEntry(at: now, step: "silence_added", actor: actor, detail: [
            "silence_id": silence.id, "matchers": matchers.map(\.description).joined(separator: " "), "duration": duration.text, "by": actor,
        ]))
        return silence
    }

    /// Ends a silence now and audits it. `false` when there is no such silence.
    package func expireSilence(id: String, by actor: String, now: Date = Date()) async throws -> Bool {
        guard try await storage.expireSilence(id: id, at: now) else { return false }
        try await storage.appendAudit([AuditEntry(at: now, step: "silence_expired", actor: actor, detail: ["silence_id": id])])
        return true
    }
}
