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
