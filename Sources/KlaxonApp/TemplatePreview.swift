import Foundation
import KlaxonCore
import KlaxonIngest
import KlaxonRouting

/// `klaxon template preview`: the exact HTTP body a receiver would send for an alert.
package enum TemplatePreview {
    /// Decodes `alertJSON` (any payload Klaxon accepts: a canonical alert, CloudWatch via SNS,
    /// Grafana, Alertmanager…; the first alert it holds), makes the delivery the lifecycle would
    /// make for `action` (default: CREATE when firing, CLOSE when resolved), and renders it for the
    /// receiver named `receiver` in `config`. The alert is shown in the state the action implies
    /// (RESOLVED for CLOSE, FIRING otherwise).
    package static func body(config: KlaxonConfig, receiver name: String, alertJSON: Data, action: Lifecycle.Action?, now: Date = Date()) throws(ServeOptions.Problem) -> Data {
        guard let receiver = config.receivers.first(where: { $0.name == name }) else {
            let known = config.receivers.map(\.name).joined(separator: ", ")
            throw ServeOptions.Problem(description: "no receiver named \"\(name)\" in the configuration (receivers: \(known))")
        }
        let alerts: [AlertEvent]
        do {
            alerts = try AlertDecoder(options: config.decodeOptions).decode(alertJSON, kind: .auto, now: now).alerts
        } catch {
            throw ServeOptions.Problem(description: "the alert file does not decode: \(error)")
        }
        guard var alert = alerts.first else { throw ServeOptions.Problem(description: "the alert file holds no alert Klaxon would notify about") }
        let action = action ?? (alert.state == .resolved ? .close : .create)
        guard action.notifies else { throw ServeOptions.Problem(description: "action \(action.rawValue) sends nothing; use CREATE, COMMENT or CLOSE") }
        // The lifecycle only closes on a RESOLVED alert and creates or comments on a FIRING one,
        // so the preview shows the alert in the state its action implies.
        alert.state = action == .close ? .resolved : .firing
        let delivery = Delivery(
            receiver: receiver.name, fingerprint: alert.fingerprint, occurrence: 1, action: action, sequence: action == .comment ? 2 : 1,
            alert: alert, createdAt: now)
        guard let body = ChatNotifiers.previewBody(receiver, delivery: delivery) else {
            throw ServeOptions.Problem(description: "receiver \"\(name)\" sends no HTTP body")
        }
        return body
    }
}
