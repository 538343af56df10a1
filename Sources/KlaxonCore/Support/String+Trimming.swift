/// Trimming without Foundation's `CharacterSet`, which on Linux costs microseconds per call; the
/// intake path trims several fields of every alert.
extension StringProtocol {
    /// The text without leading and trailing white space and newlines (Unicode `White_Space`).
    /// Returns the string itself, without copying, when there is nothing to trim.
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return String(self) }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}
