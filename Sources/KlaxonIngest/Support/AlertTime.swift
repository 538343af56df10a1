import Foundation
import KlaxonCore

/// Date-times in alert payloads (RFC 3339, 0–9 fractional digits, offsets); Go's zero time
/// `0001-01-01T00:00:00Z`, an empty string and absence all mean "not set" (nil).
enum AlertTime {
    static func parse(_ text: String?, field: String) throws(DecodeError) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw DecodeError(.invalidField, "\(field): expected an RFC 3339 date-time, got \"\(clip(text, 40))\"")
        }
        return Timestamp.isZeroTime(date) ? nil : date
    }
}
