import Foundation
import KlaxonCore

/// An EC2 instance state change, recognised in a canonical alert (source `ec2`, resource type
/// `instance`), for the one-line `{emoji} EC2 {instance_id} is now {state}` format.
///
/// The state is read from the EventBridge event kept in `raw_provider` (`detail.state`), else from
/// the decoder's `reason` (`state: stopped`). States and their meaning:
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html
package struct EC2StateChange: Sendable, Equatable {
    package var instanceID: String
    package var state: String

    package init?(_ alert: AlertEvent) {
        guard alert.source == "ec2", alert.resource?.type == "instance", let id = alert.resource?.id, !id.isEmpty else { return nil }
        var state: String?
        if case .object(let event)? = alert.rawProvider, case .object(let detail)? = event["detail"], case .string(let value)? = detail["state"] {
            state = value
        } else if let reason = alert.reason, reason.hasPrefix("state: ") {
            state = String(reason.dropFirst("state: ".count))
        }
        guard let state, !state.isEmpty else { return nil }
        self.instanceID = id
        self.state = state
    }

    /// A distinct emoji per instance state.
    package var emoji: String {
        switch state {
        case "pending": return "🟡"
        case "running": return "🟢"
        case "stopping": return "🟠"
        case "stopped": return "🔴"
        case "shutting-down": return "🟤"
        case "terminated": return "⚫"
        default: return "❔"
        }
    }
}
