import KlaxonCore

/// What an operator asked for, whichever chat it came from. Parsing is done; values such as the
/// duration are still text so the handler can answer an invalid one with a helpful reply.
package enum ChatCommand: Sendable, Equatable {
    /// `/mute-alerts [duration] [scope]`: the global mute, or a silence when `scope` is given.
    case mute(duration: String?, scope: ChatScope?)
    case unmute
    case help
    case status
    /// `/ack <alert>`: a fingerprint prefix or an alert id.
    case ack(alert: String)
    case silences
    case cost
    /// A click on one of Klaxon's buttons.
    case button(ChatAction, fingerprint: String)
    /// Something Klaxon does not know; the reply says so and lists the commands.
    case unknown(String)

    /// Mute, ack and silence change what gets delivered; only allowed people may run them.
    package var changesState: Bool {
        switch self {
        case .mute, .unmute, .ack, .button: return true
        case .help, .status, .silences, .cost, .unknown: return false
        }
    }
}

/// The optional scope of `/mute-alerts`: silence only the alerts of one team, source, priority
/// or service instead of muting everything.
package struct ChatScope: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        case team, source, priority, service
    }

    package var kind: Kind
    package var value: String

    package init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }
}

/// Who sent a command: the platform's user id (what allow-lists hold), a display name for
/// replies and the audit log, and on Discord the member's role ids.
package struct ChatActor: Sendable, Equatable {
    package enum Platform: String, Sendable {
        case discord, slack
    }

    package var platform: Platform
    package var userID: String
    package var name: String?
    package var roles: [String]

    package init(platform: Platform, userID: String, name: String? = nil, roles: [String] = []) {
        self.platform = platform
        self.userID = userID
        self.name = name
        self.roles = roles
    }

    /// How the audit log and the mute store name this person: `discord:<id>` (name).
    package var auditName: String {
        let base = "\(platform.rawValue):\(userID)"
        guard let name, !name.isEmpty else { return base }
        return "\(base) (\(name))"
    }
}

/// One parsed chat request.
package struct ChatRequest: Sendable, Equatable {
    package var command: ChatCommand
    package var actor: ChatActor

    package init(command: ChatCommand, actor: ChatActor) {
        self.command = command
        self.actor = actor
    }
}
