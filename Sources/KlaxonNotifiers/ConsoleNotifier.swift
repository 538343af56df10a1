import Foundation
import KlaxonCore
import KlaxonPipeline

/// Writes one line per notification, for a first run and for local development.
///
/// `text`: `2025-09-03T19:10:01.000Z CREATE P1 cloudwatch "Runners-ASG-InsufficientInstances" teams=dev-infra fp=1a2b3c4d5e6f`
/// `json`: the webhook body on one line.
///
/// A burst of due deliveries comes as one batch (``BatchingNotifier``): still one line each, but
/// standard output gets them in one write instead of a system call per line.
package struct ConsoleNotifier: BatchingNotifier {
    package enum Format: String, Sendable { case text, json }

    package let name: String
    private let format: Format
    private let write: @Sendable ([String]) -> Void

    /// `write` gets each line on its own (tests collect them).
    package init(name: String, format: Format = .text, write: @escaping @Sendable (String) -> Void) {
        self.init(name: name, format: format, writeLines: { lines in lines.forEach(write) })
    }

    /// `writeLines` gets the lines of one batch at once, in order.
    package init(name: String, format: Format = .text, writeLines: @escaping @Sendable ([String]) -> Void = ConsoleNotifier.standardOutput) {
        self.name = name
        self.format = format
        self.write = writeLines
    }

    /// Each line ends with a newline; a batch goes out in one write.
    package static let standardOutput: @Sendable ([String]) -> Void = { lines in
        FileHandle.standardOutput.write(Data(text(of: lines)))
    }

    /// The bytes standard output gets for a batch: every line followed by a newline.
    package static func text(of lines: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for line in lines {
            bytes.append(contentsOf: line.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    package var maxBatch: Int { 64 }

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
        write([Self.line(for: delivery, format: format)])
        return .ok
    }

    package func send(batch: [Delivery]) async -> DeliveryOutcome {
        write(batch.map { Self.line(for: $0, format: format) })
        return .ok
    }
}
