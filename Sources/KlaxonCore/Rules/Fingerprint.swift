import Crypto
import Foundation

/// The stable identity of an alert, used to deduplicate and to track its lifecycle.
///
/// SHA-256 (lower-case hex) of the sorted `key=value` pairs joined by `|`, over `source`, the
/// trimmed lower-cased `title` and the identity fields that are present. For `cloudwatch` and
/// `grafana` this is byte-for-byte alerting-infra's fingerprint, so state carried over from it
/// keeps matching: cloudwatch uses `aws_account`, `region`, `alarm_arn`; grafana `org_id`,
/// `rule_id`. Every other source uses all the identity fields it sets (the Alertmanager decoder
/// puts the sorted label set in `alarm_id`).
package enum Fingerprint {
    package static func of(_ alert: AlertEvent) -> String {
        hash(canonicalInput(alert))
    }

    /// The string that is hashed, e.g.
    /// `alarm_arn=arn:…|aws_account=123|region=us-east-1|source=cloudwatch|title=cpu high`.
    package static func canonicalInput(_ alert: AlertEvent) -> String {
        var pairs: [(String, String)] = [("source", alert.source), ("title", normalizeTitle(alert.title))]
        let identity = alert.identity
        let wanted: Set<String>?
        switch alert.source {
        case "cloudwatch": wanted = ["aws_account", "region", "alarm_arn"]
        case "grafana": wanted = ["org_id", "rule_id"]
        default: wanted = nil
        }
        for field in identity.presentFields where wanted?.contains(field.name) ?? true {
            pairs.append((field.name, field.value))
        }
        // JavaScript's default sort compares UTF-16 code units; the keys are ASCII, so byte order agrees.
        pairs.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "|")
    }

    package static func normalizeTitle(_ title: String) -> String {
        title.trimmingWhitespace().lowercased()
    }

    package static func hash(_ input: String) -> String {
        let digest = SHA256.hash(data: Data(input.utf8))
        return digest.hexString
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal (``Hex/encode(_:)``).
    package var hexString: String { Hex.encode(self) }
}
