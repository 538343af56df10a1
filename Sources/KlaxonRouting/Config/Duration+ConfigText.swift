import Foundation

extension Duration {
    /// Parses a duration as the configuration writes it: one or more `<number><unit>` parts with
    /// units `ms`, `s`, `m`, `h`, `d` (`10s`, `5m`, `1h30m`, `2d`, `250ms`), or a plain number of
    /// seconds (`30`, `1.5`). Returns nil for anything else. Zero is accepted here; callers that
    /// need a positive duration check it themselves so they can say so.
    package init?(configText raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if let seconds = Duration.plainSeconds(text) {
            self = seconds
            return
        }
        var total = Duration.zero
        var rest = Substring(text)
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            // Nine digits bound every part well inside Int64 nanoseconds' range for days.
            guard !digits.isEmpty, digits.count <= 9, let number = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix(while: { $0.isASCII && $0.isLetter })
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "ms": total += .milliseconds(number)
            case "s": total += .seconds(number)
            case "m": total += .seconds(number * 60)
            case "h": total += .seconds(number * 3600)
            case "d": total += .seconds(number * 86_400)
            default: return nil
            }
        }
        self = total
    }

    /// `30` or `1.5`: a plain, non-negative number of seconds.
    private static func plainSeconds(_ text: String) -> Duration? {
        guard text.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }),
              text.first != ".", text.filter({ $0 == "." }).count <= 1,
              text.count <= 15, let value = Double(text), value.isFinite
        else { return nil }
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    /// The duration in seconds, as a `Double` (for settings that want a `TimeInterval`).
    package var configSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
