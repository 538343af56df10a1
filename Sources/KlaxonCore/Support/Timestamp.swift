import Foundation

/// RFC 3339 / ISO 8601 date-times as alert sources write them.
///
/// Accepts 0–9 fractional digits (amtool sends nanoseconds), `Z` or a numeric offset, and
/// Alertmanager's zero time `0001-01-01T00:00:00Z` (which ``isZeroTime(_:)`` recognises).
/// Parsing is hand-written: it is on the intake hot path and Foundation's formatters are slow
/// and reject more than 3 fractional digits on some platforms.
package enum Timestamp {
    /// The zero time Go programs (Alertmanager, Grafana) send for "not set".
    package static let zeroTime = Date(timeIntervalSince1970: -62_135_596_800)

    package static func parse(_ text: String) -> Date? {
        var utf8 = Array(text.utf8)
        // Trim surrounding spaces.
        while let last = utf8.last, last == UInt8(ascii: " ") { utf8.removeLast() }
        var i = 0
        while i < utf8.count, utf8[i] == UInt8(ascii: " ") { i += 1 }
        func digits(_ n: Int) -> Int? {
            guard i + n <= utf8.count else { return nil }
            var value = 0
            for k in 0..<n {
                let c = utf8[i + k]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            i += n
            return value
        }
        func expect(_ chars: String) -> Bool {
            guard i < utf8.count else { return false }
            let c = utf8[i]
            if chars.utf8.contains(c) { i += 1; return true }
            return false
        }
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
              expect("Tt "), let hour = digits(2), expect(":"), let minute = digits(2), expect(":"), let second = digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var fraction = 0.0
        if i < utf8.count, utf8[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            var count = 0
            while i < utf8.count, utf8[i] >= 48, utf8[i] <= 57 {
                fraction += Double(utf8[i] - 48) * scale
                scale /= 10
                count += 1
                i += 1
            }
            guard count >= 1, count <= 9 else { return nil }
        }
        var offsetSeconds = 0
        guard i < utf8.count else { return nil }
        if utf8[i] == UInt8(ascii: "Z") || utf8[i] == UInt8(ascii: "z") {
            i += 1
        } else if utf8[i] == UInt8(ascii: "+") || utf8[i] == UInt8(ascii: "-") {
            let sign = utf8[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = digits(2) else { return nil }
            _ = expect(":")
            guard let om = digits(2), oh < 24, om < 60 else { return nil }
            offsetSeconds = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == utf8.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds)
        return Date(timeIntervalSince1970: seconds + fraction)
    }

    /// `true` for Go's zero time (and anything before year 2), which means "not set".
    package static func isZeroTime(_ date: Date) -> Bool {
        date.timeIntervalSince1970 < -62_100_000_000
    }

    /// Formats as `2025-09-03T19:10:01.000Z` (UTC, milliseconds), the form alerting-infra emits.
    package static func format(_ date: Date) -> String {
        let parts = Parts(date)
        guard (0...9999).contains(parts.year) else { return parts.paddedText }
        // Years 0–9999: 24 fixed-width ASCII bytes, written in place (this runs for every alert
        // stored and every console line).
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var rest = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                    rest /= 10
                }
            }
            put(parts.year, 4, at: 0); buffer[4] = UInt8(ascii: "-")
            put(parts.month, 2, at: 5); buffer[7] = UInt8(ascii: "-")
            put(parts.day, 2, at: 8); buffer[10] = UInt8(ascii: "T")
            put(parts.hour, 2, at: 11); buffer[13] = UInt8(ascii: ":")
            put(parts.minute, 2, at: 14); buffer[16] = UInt8(ascii: ":")
            put(parts.second, 2, at: 17); buffer[19] = UInt8(ascii: ".")
            put(parts.millisecond, 3, at: 20); buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// `parse(format(date)) ?? date` without the text: the date as stored (UTC, whole
    /// milliseconds), bit for bit what reading its formatted form back gives.
    package static func millisecondPrecision(_ date: Date) -> Date {
        let parts = Parts(date)
        guard (0...9999).contains(parts.year) else { return date }  // `parse` wants four digits
        // The digits one by one, as `parse` adds them.
        var fraction = 0.0
        var scale = 0.1
        fraction += Double(parts.millisecond / 100) * scale
        scale /= 10
        fraction += Double(parts.millisecond / 10 % 10) * scale
        scale /= 10
        fraction += Double(parts.millisecond % 10) * scale
        return Date(timeIntervalSince1970: Double(parts.wholeSeconds) + fraction)
    }

    /// A date's UTC calendar fields, cut to whole milliseconds (rounded down).
    private struct Parts {
        var wholeSeconds: Int64
        var year: Int, month: Int, day: Int
        var hour: Int, minute: Int, second: Int, millisecond: Int

        init(_ date: Date) {
            let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
            var seconds = totalMillis / 1000
            var millis = totalMillis % 1000
            if millis < 0 { millis += 1000; seconds -= 1 }
            var days = seconds / 86_400
            var rem = seconds % 86_400
            if rem < 0 { rem += 86_400; days -= 1 }
            wholeSeconds = seconds
            (year, month, day) = civilFromDays(Int(days))
            hour = Int(rem / 3600)
            minute = Int(rem % 3600 / 60)
            second = Int(rem % 60)
            millisecond = Int(millis)
        }

        /// The general form, for years outside 0–9999 (never read back by `parse`).
        var paddedText: String {
            func pad(_ v: Int, _ width: Int) -> String {
                let s = String(v)
                return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
            }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))Z"
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
