import Foundation

/// The two UTC renderings SigV4 uses: `20150830T123600Z` and `20150830`.
struct AmzDate: Sendable {
    let dateTime: String
    let date: String

    init(_ date: Date) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var day: [UInt8] = []
        day.reserveCapacity(16)
        Self.append(Int(parts.tm_year) + 1900, width: 4, to: &day)
        Self.append(Int(parts.tm_mon) + 1, width: 2, to: &day)
        Self.append(Int(parts.tm_mday), width: 2, to: &day)
        var time = day
        time.append(UInt8(ascii: "T"))
        Self.append(Int(parts.tm_hour), width: 2, to: &time)
        Self.append(Int(parts.tm_min), width: 2, to: &time)
        Self.append(Int(parts.tm_sec), width: 2, to: &time)
        time.append(UInt8(ascii: "Z"))
        self.date = String(decoding: day, as: UTF8.self)
        dateTime = String(decoding: time, as: UTF8.self)
    }

    /// Zero-padded decimal digits (String(format:) costs microseconds per call).
    private static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
