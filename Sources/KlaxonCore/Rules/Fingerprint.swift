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
        var input: [UInt8] = []
        input.reserveCapacity(256)
        writeCanonicalInput(alert, into: &input)
        return SHA256.hash(data: input).hexString
    }

    /// The string that is hashed, e.g.
    /// `alarm_arn=arn:…|aws_account=123|region=us-east-1|source=cloudwatch|title=cpu high`.
    package static func canonicalInput(_ alert: AlertEvent) -> String {
        var input: [UInt8] = []
        writeCanonicalInput(alert, into: &input)
        return String(decoding: input, as: UTF8.self)
    }

    /// The pairs in the order of their keys' bytes (JavaScript's default sort, which alerting-infra
    /// uses, compares UTF-16 code units; the keys are ASCII, so byte order agrees). The keys are
    /// fixed, so their order is written out rather than sorted for every alert.
    private static func writeCanonicalInput(_ alert: AlertEvent, into out: inout [UInt8]) {
        let identity = alert.identity
        // cloudwatch and grafana hash only the fields alerting-infra does; other sources all they set.
        let cloudwatch = alert.source == "cloudwatch", grafana = alert.source == "grafana"
        let all = !cloudwatch && !grafana
        func pair(_ key: StaticString, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            if !out.isEmpty { out.append(UInt8(ascii: "|")) }
            out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            out.append(UInt8(ascii: "="))
            out.append(contentsOf: value.utf8)
        }
        if all { pair("account_id", identity.accountId) }
        if all || cloudwatch { pair("alarm_arn", identity.alarmArn) }
        if all { pair("alarm_id", identity.alarmId) }
        if all || cloudwatch { pair("aws_account", identity.awsAccount) }
        if all || grafana { pair("org_id", identity.orgId) }
        if all || cloudwatch { pair("region", identity.region) }
        if all || grafana { pair("rule_id", identity.ruleId) }
        // Source and title are always there, even when empty.
        if !out.isEmpty { out.append(UInt8(ascii: "|")) }
        out.append(contentsOf: "source=".utf8)
        out.append(contentsOf: alert.source.utf8)
        out.append(contentsOf: "|title=".utf8)
        out.append(contentsOf: normalizeTitle(alert.title).utf8)
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
