import KlaxonCore

/// What Klaxon answers Discord, as the interaction response JSON.
///
/// Spec: https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object
/// (type 1 PONG, 4 CHANNEL_MESSAGE_WITH_SOURCE, 5 DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE; flag 64
/// EPHEMERAL). Mentions are disabled so a report quoting `@everyone` pings nobody. Content is
/// cut to Discord's 2000-character limit, counted as ``TextLimit`` counts (Unicode scalars, not
/// grapheme clusters: a family emoji is one `Character` but seven scalars).
package enum DiscordResponse {
    package static let contentLimit = 2000
    package static let ephemeralFlag = 64

    package static var pong: String { ChatJSON.encode(Wire(type: 1, data: nil)) }

    /// Type 4 with the reply.
    package static func message(_ reply: ChatReply) -> String {
        ChatJSON.encode(Wire(type: 4, data: body(reply)))
    }

    /// Type 5: "thinking…" until the original is edited.
    package static func deferred(ephemeral: Bool = false) -> String {
        ChatJSON.encode(Wire(type: 5, data: ephemeral ? Message(content: nil, flags: ephemeralFlag, allowed_mentions: nil) : nil))
    }

    /// The body of `PATCH /webhooks/{application_id}/{token}/messages/@original`.
    package static func editOriginal(_ text: String) -> String {
        ChatJSON.encode(Message(content: truncated(text), flags: nil, allowed_mentions: .nobody))
    }

    static func body(_ reply: ChatReply) -> Message {
        Message(content: truncated(reply.text), flags: reply.ephemeral ? ephemeralFlag : nil, allowed_mentions: .nobody)
    }

    /// At most `contentLimit` scalars, cut on a line when it can be (never inside an emoji).
    package static func truncated(_ text: String) -> String {
        guard TextLimit.length(text) > contentLimit else { return text }
        let marker = "\n…"
        var cut = TextLimit.prefix(text, scalars: contentLimit - TextLimit.length(marker))
        if let newline = cut.lastIndex(of: "\n") { cut = String(cut[..<newline]) }
        return cut + marker
    }

    struct Wire: Encodable {
        var type: Int
        var data: Message?
    }

    struct Message: Encodable {
        var content: String?
        var flags: Int?
        var allowed_mentions: AllowedMentions?
    }

    struct AllowedMentions: Encodable {
        var parse: [String]
        static let nobody = AllowedMentions(parse: [])
    }
}
