import Foundation

/// A mute or silence duration as operators type it: `^(\d+)([mhd])$` (m = 60 s, h = 3600 s,
/// d = 86400 s). Zero, negative, unitless and absurd durations (over 365 days) are refused.
package struct MuteDuration: Sendable, Hashable, CustomStringConvertible {
    package static let maximumSeconds: Int64 = 365 * 86_400
    /// `/mute-alerts` with no argument mutes for a day.
    package static let defaultDuration = MuteDuration(seconds: 86_400, text: "1d")

    package let seconds: Int64
    package let text: String

    private init(seconds: Int64, text: String) {
        self.seconds = seconds
        self.text = text
    }

    package enum ParseError: Error, Equatable, CustomStringConvertible {
        case invalid(String)
        case zero(String)
        case tooLong(String)

        package var description: String {
            switch self {
            case .invalid(let text): return "invalid duration \"\(text)\": use a number and m, h or d, like 30m, 4h or 2d"
            case .zero(let text): return "invalid duration \"\(text)\": it must be longer than zero"
            case .tooLong(let text): return "invalid duration \"\(text)\": at most 365d"
            }
        }
    }

    package init(parsing raw: String) throws {
        let text = raw.trimmingWhitespace()
        guard let unit = text.last, "mhd".contains(unit) else { throw ParseError.invalid(raw) }
        let number = text.dropLast()
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw ParseError.invalid(raw) }
        // Bound the length before converting so "99999999999999999999d" is "too long", not a crash.
        guard number.count <= 9, let value = Int64(number) else { throw ParseError.tooLong(raw) }
        guard value > 0 else { throw ParseError.zero(raw) }
        let multiplier: Int64 = unit == "m" ? 60 : unit == "h" ? 3600 : 86_400
        let seconds = value * multiplier
        guard seconds <= Self.maximumSeconds else { throw ParseError.tooLong(raw) }
        self.init(seconds: seconds, text: text)
    }

    package var description: String { text }
}
