/// Cutting text to a platform's limit with a visible marker, never by a refused request. Shared by
/// the notifiers and the chat-ops replies (KlaxonChatOps), so both count alike.
///
/// Lengths are counted in Unicode scalars (what Discord and Slack count as characters), and text is
/// cut only between grapheme clusters so an emoji or accented letter is never split. A Markdown
/// code block left open by the cut is closed again.
package enum TextLimit {
    /// The marker put where text was cut.
    package static let marker = "… [truncated]"

    /// The length the platforms check.
    package static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// `text` if it fits in `limit`, else its longest prefix that fits with the marker (and a
    /// closing ``` fence when the prefix leaves a code block open).
    package static func clip(_ text: String, to limit: Int) -> String {
        clip(text, to: limit, measure: length)
    }

    /// Like ``clip(_:to:)`` but counting UTF-8 bytes, for limits on a message's size (Teams' 28 KB).
    package static func clip(_ text: String, toUTF8Bytes limit: Int) -> String {
        clip(text, to: limit, measure: { $0.utf8.count })
    }

    private static func clip(_ text: String, to limit: Int, measure: (String) -> Int) -> String {
        guard measure(text) > limit else { return text }
        guard limit > 0 else { return "" }
        let fence = "\n```"
        // Reserve room for the marker and a possible closing fence, then cut.
        let markerLength = measure(marker)
        var budget = limit - markerLength - measure(fence)
        if budget < 0 {
            budget = max(0, limit - markerLength)
            if budget == 0 { return prefix(marker, within: limit, measure: measure) }
        }
        var kept = prefix(text, within: budget, measure: measure)
        // A cut inside a fence (```) marker would leave stray backticks; drop a trailing partial one.
        while kept.hasSuffix("`") { kept.removeLast() }
        var result = kept + marker
        if fenceCount(kept) % 2 == 1 {
            result += fence
        }
        if measure(result) > limit { return prefix(result, within: limit, measure: measure) }
        return result
    }

    /// The longest prefix of `text` with at most `scalars` Unicode scalars, cut between characters.
    package static func prefix(_ text: String, scalars: Int) -> String {
        prefix(text, within: scalars, measure: length)
    }

    private static func prefix(_ text: String, within limit: Int, measure: (String) -> Int) -> String {
        var count = 0
        var end = text.startIndex
        for index in text.indices {
            let next = measure(String(text[index]))
            if count + next > limit { break }
            count += next
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// How many ``` fences `text` contains.
    package static func fenceCount(_ text: String) -> Int {
        var count = 0
        var search = text[...]
        while let range = search.range(of: "```") {
            count += 1
            search = search[range.upperBound...]
        }
        return count
    }
}
