/// Why a body could not be turned into alerts.
///
/// `reason` is stable and bounded (safe as a log field or metric label); `message` is for people:
/// it names the field path and the problem, e.g. `priority: expected P0|P1|P2|P3, got "P5"`.
/// Messages never carry tokens, signatures or URLs from the payload.
package struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The body is not JSON (or not the JSON an envelope says it should contain).
        case malformedJSON
        /// JSON, but not a payload this decoder (or detection) knows.
        case unrecognizedPayload
        /// A field the format requires is absent.
        case missingField
        /// A field is present but has the wrong type or value.
        case invalidField
        /// A known envelope (EventBridge) carrying an event Klaxon does not map.
        case unsupportedEvent
        /// A provider message that is known but incomplete or damaged (e.g. a CloudWatch alarm
        /// without NewStateValue).
        case corruptedMessage
        /// An SNS SubscriptionConfirmation or UnsubscribeConfirmation: not an alert, handled by
        /// the SNS subscription flow.
        case subscriptionConfirmation
    }

    package var reason: Reason
    package var message: String

    package init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    package var description: String { "\(reason.rawValue): \(message)" }

    /// The same error with `path` put in front of its message (`Records[0].Sns.Message: …`).
    func prefixed(_ path: String) -> DecodeError {
        DecodeError(reason, "\(path): \(message)")
    }
}
