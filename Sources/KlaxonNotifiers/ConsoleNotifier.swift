import Foundation
import KlaxonCore
import KlaxonPipeline

/// Writes one line per notification, for a first run and for local development.
///
/// `text`: `2025-09-03T19:10:01.000Z CREATE P1 cloudwatch "Runners-ASG-InsufficientInstances" teams=dev-infra fp=1a2b3c4d5e6f`
/// `json`: the webhook body on one line.
package struct ConsoleNotifier: Notifier {
    package enum Format: String, Sendable { case text, json }

    package let name: String
    private let format: Format
    private let write: @Sendable (String) -> Void

    package init(name: String, format: Format = .text, write: @escaping @Sendable (String) -> Void = ConsoleNotifier.standardOutput) {
        self.name = name
        self.format = format
        self.write = write
    }

    package static let standardOutput: @Sendable (String) -> Void = { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    package static func line(for delivery: Delivery, format: Format) -> String {
        switch format {
        case .json:
            guard let body = try? WebhookNotifier.body(for: delivery) else { return "{}" }
            return String(decoding: body, as: UTF8.self)
        case .text:
            let alert = delivery.alert
            // Not Foundation's `replacingOccurrences`: on Linux it bridges through NSString, and
            // this runs for every delivery.
            let title = alert.title.contains("\"") ? String(alert.title.map { $0 == "\"" ? "'" : $0 }) : alert.title
            return "\(Timestamp.format(alert.occurredAt)) \(delivery.action.rawValue) \(alert.priority.rawValue) \(alert.state.rawValue) "
                + "\(alert.source) \"\(title)\" teams=\(alert.teams.joined(separator: ",")) fp=\(delivery.fingerprint.prefix(12)) receiver=\(delivery.receiver)"
        }
    }

    package func send(_ delivery: Delivery) async -> DeliveryOutcome {
        write(Self.line(for: delivery, format: format))
        return .ok
    }
}
