import KlaxonCore

extension JSONValue {
    /// An integer, also from a whole double.
    var intValue: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value: return Int64(value)
        default: return nil
        }
    }
}

/// Characters as the platforms count them (Unicode scalars).
func characterCount(_ text: String) -> Int { text.unicodeScalars.count }
