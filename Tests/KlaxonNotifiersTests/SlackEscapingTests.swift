import Foundation
import KlaxonCore
import KlaxonNotifiers
import Testing

/// Alert text is data, never Slack markup: a title holding `<!channel>` must not ping anyone.
/// Escaping rules: https://api.slack.com/reference/surfaces/formatting#escaping
@Suite("Slack messages escape alert text")
struct SlackEscapingTests {
    static let hostile = "<!channel> db & <@U0123> <https://evil.example|click>"

    @Test(arguments: [AlertEvent.State.firing, .resolved])
    func noMentionOrLinkFromAnAlertReachesSlack(state: AlertEvent.State) throws {
        var alert = NotifierSamples.alert(state: state, description: Self.hostile)
        alert.title = Self.hostile
        alert.summary = Self.hostile
        alert.teams = ["<!here>"]
        let delivery = NotifierSamples.delivery(alert, action: state == .firing ? .create : .close)
        let builder = try NotifierSamples.slack()
        let message = builder.message(for: delivery)
        let text = try #require(message["text"]?.stringValue)
        #expect(text.contains("&lt;!channel&gt; db &amp; &lt;@U0123&gt;"), "\(text)")
        // Slack parses markup in `text` and mrkdwn objects; plain_text (the header) shows it as typed.
        let everything = ([text, builder.resolutionLine(for: delivery)] + Self.mrkdwnTexts(in: .object(message))).joined(separator: "\n")
        for markup in ["<!channel>", "<!here>", "<@U0123>", "<https://evil.example"] {
            #expect(!everything.contains(markup), "\(markup) reached Slack unescaped")
        }
    }

    static func mrkdwnTexts(in value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            let own = object["type"]?.stringValue == "mrkdwn" ? [object["text"]?.stringValue ?? ""] : []
            return own + object.values.flatMap(mrkdwnTexts)
        case .array(let items):
            return items.flatMap(mrkdwnTexts)
        default:
            return []
        }
    }
}
