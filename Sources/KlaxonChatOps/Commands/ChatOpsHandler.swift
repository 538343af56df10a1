import Foundation
import KlaxonCore

/// The chat commands themselves: given a verified, parsed request, change the mute gate or the
/// silences through the storage seams, audit every change, and say what to answer.
///
/// The handler never speaks HTTP: the edge (KlaxonApp) turns its ``ChatResult`` into Discord or
/// Slack bytes, sends deferred follow-ups, and writes ``ChatResult/logSteps`` to the log.
package struct ChatOpsHandler: Sendable {
    package let storage: any Storage
    package let clock: any WallClock
    package let permissions: ChatPermissions
    package let costSource: (any CostSource)?
    /// Makes the random part of silence ids.
    package let makeID: @Sendable () -> String

    package init(
        storage: any Storage, clock: any WallClock, permissions: ChatPermissions, costSource: (any CostSource)? = nil,
        makeID: @escaping @Sendable () -> String = { String(UInt64.random(in: 0...UInt64.max), radix: 36) }
    ) {
        self.storage = storage
        self.clock = clock
        self.permissions = permissions
        self.costSource = costSource
        self.makeID = makeID
    }

    /// What to answer, and the steps to log (the same ones that went to the audit log).
    package struct ChatResult: Sendable, Equatable {
        package var outcome: ChatOutcome
        package var logSteps: [AuditEntry]

        package init(_ outcome: ChatOutcome, logSteps: [AuditEntry] = []) {
            self.outcome = outcome
            self.logSteps = logSteps
        }

        static func reply(_ text: String, ephemeral: Bool = false, logged: [AuditEntry] = []) -> ChatResult {
            ChatResult(.reply(ChatReply(text, ephemeral: ephemeral)), logSteps: logged)
        }
    }

    package func handle(_ request: ChatRequest) async -> ChatResult {
        let now = clock.now()
        if request.command.changesState, !permissions.allows(request.actor) {
            return .reply("You are not allowed to do that here: ask an admin to add your user id to chatops allowed_users. Nothing was changed.", ephemeral: true)
        }
        if request.command.changesState, request.inDirectMessage {
            return .reply(Self.directMessageRefusal, ephemeral: true)
        }
        switch request.command {
        case .mute(let duration, nil):
            return await mute(duration: duration, actor: request.actor, now: now)
        case .mute(let duration, let scope?):
            return await silence(scope: scope, duration: duration, actor: request.actor, now: now)
        case .unmute:
            return await unmute(actor: request.actor, now: now)
        case .help:
            return .reply(Self.helpText(platform: request.actor.platform), ephemeral: true)
        case .status:
            return ChatResult(.deferred(acknowledgement: nil, followUp: .statusReport))
        case .ack(let reference):
            return await acknowledge(reference: reference, exact: false, actor: request.actor, now: now)
        case .button(.acknowledge, let fingerprint):
            return await acknowledge(reference: fingerprint, exact: true, actor: request.actor, now: now)
        case .button(.silenceOneHour, let fingerprint):
            return await silenceHour(fingerprint: fingerprint, actor: request.actor, now: now)
        case .silences:
            return .reply(await silencesText(now: now), ephemeral: true)
        case .cost:
            return .reply(await costText(now: now))
        case .unknown(let name):
            let shown = String(name.prefix(40))
            return .reply("Klaxon has no command \"\(shown)\".\n\n" + Self.helpText(platform: request.actor.platform), ephemeral: true)
        }
    }

    /// The answer to a state-changing command sent in a direct message with the bot.
    static let directMessageRefusal = "Mute, ack and silence work only in a channel of the server or workspace, not in a direct message with Klaxon. Nothing was changed."

    /// `/mute-alerts [duration]`: writes `now + seconds` to the mute gate. An invalid duration is
    /// answered and nothing is written.
    func mute(duration text: String?, actor: ChatActor, now: Date) async -> ChatResult {
        let duration: MuteDuration
        do {
            duration = try text.map { try MuteDuration(parsing: $0) } ?? MuteDuration.defaultDuration
        } catch {
            return .reply("Not muted: \(error). Nothing was changed.", ephemeral: true)
        }
        let until = Int64(now.timeIntervalSince1970) + duration.seconds
        let entry = AuditEntry(at: now, step: "alert_muted", actor: actor.auditName, detail: [
            "duration": duration.text, "muted_until": String(until), "by": actor.auditName,
        ])
        do {
            try await storage.setMutedUntil(until, by: actor.auditName, at: now, audit: entry)
        } catch {
            return .reply("Could not mute: the store could not be written (\(type(of: error))). Nothing was changed; try again.", ephemeral: true)
        }
        return .reply("Alerts muted until \(Self.utc(until)) (\(duration.text)) by \(Self.who(actor)).", logged: [entry])
    }

    func unmute(actor: ChatActor, now: Date) async -> ChatResult {
        let entry = AuditEntry(at: now, step: "alert_unmuted", actor: actor.auditName, detail: ["by": actor.auditName])
        do {
            try await storage.setMutedUntil(0, by: actor.auditName, at: now, audit: entry)
        } catch {
            return .reply("Could not unmute: the store could not be written (\(type(of: error))). Nothing was changed; try again.", ephemeral: true)
        }
        return .reply("Alerts active — alarms will now fire. (unmuted by \(Self.who(actor)))", logged: [entry])
    }

    /// `/mute-alerts [duration] team:web [priority:P3 …]`: a silence on that scope instead of the
    /// global mute, with one matcher per term so that every term must match.
    func silence(scope: ChatScope, duration text: String?, actor: ChatActor, now: Date) async -> ChatResult {
        let duration: MuteDuration
        do {
            duration = try text.map { try MuteDuration(parsing: $0) } ?? MuteDuration.defaultDuration
        } catch {
            return .reply("Not silenced: \(error). Nothing was changed.", ephemeral: true)
        }
        var matchers: [Matcher] = []
        for term in scope.terms {
            guard !matchers.contains(where: { $0.name == term.kind.rawValue }) else {
                return .reply("Not silenced: \(term.kind.rawValue) is given twice; give each of team, source, priority and service at most once. Nothing was changed.", ephemeral: true)
            }
            let value = term.kind == .priority ? term.value.uppercased() : term.value
            if term.kind == .priority, Priority(text: value) == nil {
                return .reply("Not silenced: priority must be one of P0, P1, P2, P3. Nothing was changed.", ephemeral: true)
            }
            do {
                matchers.append(try Matcher(name: term.kind.rawValue, op: .equal, value: value))
            } catch {
                return .reply("Not silenced: \(error). Nothing was changed.", ephemeral: true)
            }
        }
        guard !matchers.isEmpty else {
            return .reply("Not silenced: give a team, source, priority or service. Nothing was changed.", ephemeral: true)
        }
        let silence = Silence(
            id: "s-" + makeID(), matchers: matchers, startsAt: now,
            endsAt: now.addingTimeInterval(TimeInterval(duration.seconds)), createdBy: actor.auditName,
            comment: "from chat: /mute-alerts \(duration.text) \(scope.terms.map(\.kind.rawValue).joined(separator: " "))")
        let shown = matchers.map(\.description).joined(separator: " ")
        return await add(silence, step: "silence_added", detail: ["duration": duration.text], actor: actor, now: now,
                         reply: "Silenced \(shown) until \(Self.utc(silence.endsAt)) (\(duration.text)) by \(Self.who(actor)); id \(silence.id).")
    }

    /// Stores a silence and its audit entry in one write; the reply says so or says nothing changed.
    func add(_ silence: Silence, step: String, detail: [String: String], actor: ChatActor, now: Date, reply: String) async -> ChatResult {
        var fields = detail
        fields["silence_id"] = silence.id
        fields["matchers"] = silence.matchers.map(\.description).joined(separator: " ")
        fields["by"] = actor.auditName
        let entry = AuditEntry(at: now, step: step, fingerprint: silence.acknowledgedFingerprint, actor: actor.auditName, detail: fields)
        do {
            try await storage.addSilence(silence, audit: entry)
        } catch {
            return .reply("Could not add the silence: the store could not be written (\(type(of: error))). Nothing was changed.", ephemeral: true)
        }
        return .reply(reply, logged: [entry])
    }

    static func who(_ actor: ChatActor) -> String {
        actor.name.flatMap { $0.isEmpty ? nil : $0 } ?? actor.userID
    }

    /// `2026-12-01 22:21 UTC`.
    static func utc(_ unixSeconds: Int64) -> String {
        utc(Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
    }

    static func utc(_ date: Date) -> String {
        let text = Timestamp.format(date)  // 2026-12-01T22:21:05Z (or with fractions)
        return "\(text.prefix(10)) \(text.dropFirst(11).prefix(5)) UTC"
    }
}
