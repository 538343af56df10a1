/// Trimming without Foundation's `CharacterSet`, which on Linux costs microseconds per call; the
/// intake path trims several fields of every alert.
extension StringProtocol {
    /// The text without leading and trailing white space and newlines (Unicode `White_Space`).
    /// Returns the string itself, without copying, when there is nothing to trim.
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        // Most text starts and ends with an ASCII character other than a space: answered without
        // looking up Unicode properties.
        if Self.isASCIINonSpace(first), Self.isASCIINonSpace(last) { return String(self) }
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return String(self) }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// An ASCII character that is not white space (U+0009–U+000D and U+0020 are the ASCII ones).
    private static func isASCIINonSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 && scalar.value != 0x20 && !(0x09...0x0D).contains(scalar.value)
    }
}
