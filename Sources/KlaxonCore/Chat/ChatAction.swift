/// The buttons Klaxon puts on its chat messages, shared by the notifiers that draw them and the
/// chat-ops code that handles the clicks.
///
/// Discord message components carry `custom_id` = `"<action>:<fingerprint>"` (Discord allows 100
/// characters; the longest here is 82). Slack buttons carry `action_id` = the action's raw value
/// and `value` = the fingerprint.
package enum ChatAction: String, Sendable, CaseIterable {
    /// Silence this alert until it resolves.
    case acknowledge = "klaxon_ack"
    /// Silence this alert for one hour.
    case silenceOneHour = "klaxon_silence_1h"

    /// The button's label.
    package var label: String {
        switch self {
        case .acknowledge: return "Acknowledge"
        case .silenceOneHour: return "Silence 1h"
        }
    }

    /// Discord's `custom_id` for this action on the alert with `fingerprint`.
    package func customID(fingerprint: String) -> String { "\(rawValue):\(fingerprint)" }

    /// Reads a Discord `custom_id` back; nil for anything that is not one of Klaxon's.
    package static func parse(customID: String) -> (action: ChatAction, fingerprint: String)? {
        guard let colon = customID.firstIndex(of: ":") else { return nil }
        guard let action = ChatAction(rawValue: String(customID[..<colon])) else { return nil }
        let fingerprint = String(customID[customID.index(after: colon)...])
        guard !fingerprint.isEmpty else { return nil }
        return (action, fingerprint)
    }
}
