import KlaxonCore

/// Adaptive Card rules as the Teams stand-in checks them: the envelope Teams webhooks take and the
/// card elements Klaxon and the fixtures use.
///
/// - Envelope: https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook
///   (`type: message`, `attachments[]` with `contentType: application/vnd.microsoft.card.adaptive`
///   and the card as `content`; a message of at most 28 KB).
/// - Card schema: https://adaptivecards.io/explorer/ (`type: AdaptiveCard`, `version`, `body`;
///   TextBlock needs `text`, FactSet `facts` of `title`/`value`, Container `items`,
///   Action.OpenUrl `url`).
package enum AdaptiveCardRules {
    package static let maxMessageBytes = 28 * 1024
    static let elements: Set<String> = ["TextBlock", "Container", "FactSet", "ColumnSet", "Image", "Input.Text", "ActionSet", "RichTextBlock"]
    static let actions: Set<String> = ["Action.OpenUrl", "Action.Submit", "Action.Execute", "Action.ShowCard", "Action.ToggleVisibility"]
    /// What a Teams incoming webhook cannot carry back (no bot behind it).
    package static let interactiveActions: Set<String> = ["Action.Submit", "Action.Execute"]

    /// Problems with the webhook envelope and each card in it.
    package static func problems(inMessage message: JSONValue) -> [String] {
        var problems: [String] = []
        guard message["type"]?.stringValue == "message" else { return ["type: must be \"message\""] }
        guard let attachments = message["attachments"]?.arrayValue, !attachments.isEmpty else { return ["attachments: must hold a card"] }
        for (index, attachment) in attachments.enumerated() {
            guard attachment["contentType"]?.stringValue == "application/vnd.microsoft.card.adaptive" else {
                problems.append("attachments[\(index)].contentType: must be application/vnd.microsoft.card.adaptive")
                continue
            }
            guard let card = attachment["content"] else {
                problems.append("attachments[\(index)].content: missing")
                continue
            }
            problems += self.problems(inCard: card).map { "attachments[\(index)].content.\($0)" }
        }
        return problems
    }

    /// Problems with one card.
    package static func problems(inCard card: JSONValue) -> [String] {
        var problems: [String] = []
        if card["type"]?.stringValue != "AdaptiveCard" { problems.append("type: must be AdaptiveCard") }
        let version = card["version"]?.stringValue ?? ""
        let parts = version.split(separator: ".").compactMap { Int($0) }
        if parts.count != 2 { problems.append("version: must be major.minor") }
        guard let body = card["body"]?.arrayValue else {
            problems.append("body: must be a list")
            return problems
        }
        check(body, "body", &problems)
        for (index, action) in (card["actions"]?.arrayValue ?? []).enumerated() {
            checkAction(action, "actions[\(index)]", &problems)
        }
        return problems
    }

    /// Version as (major, minor), for "1.4 or later" checks.
    package static func version(of card: JSONValue) -> (Int, Int)? {
        let parts = (card["version"]?.stringValue ?? "").split(separator: ".").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// Every action type used anywhere in the message's cards.
    package static func actionTypes(inMessage message: JSONValue) -> [String] {
        (message["attachments"]?.arrayValue ?? []).flatMap { attachment in
            (attachment["content"]?["actions"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue }
        }
    }

    private static func check(_ items: [JSONValue], _ path: String, _ problems: inout [String]) {
        for (index, item) in items.enumerated() {
            let here = "\(path)[\(index)]"
            guard let type = item["type"]?.stringValue, elements.contains(type) else {
                problems.append("\(here).type: unknown element")
                continue
            }
            switch type {
            case "TextBlock":
                if item["text"]?.stringValue == nil { problems.append("\(here).text: required") }
            case "Container":
                check(item["items"]?.arrayValue ?? [], "\(here).items", &problems)
            case "FactSet":
                for (factIndex, fact) in (item["facts"]?.arrayValue ?? []).enumerated()
                where fact["title"]?.stringValue == nil || fact["value"]?.stringValue == nil {
                    problems.append("\(here).facts[\(factIndex)]: title and value are required strings")
                }
            case "Image":
                if item["url"]?.stringValue == nil { problems.append("\(here).url: required") }
            case "Input.Text":
                if item["id"]?.stringValue == nil { problems.append("\(here).id: required") }
            default:
                break
            }
        }
    }

    private static func checkAction(_ action: JSONValue, _ path: String, _ problems: inout [String]) {
        guard let type = action["type"]?.stringValue, actions.contains(type) else {
            problems.append("\(path).type: unknown action")
            return
        }
        if type == "Action.OpenUrl" {
            let url = action["url"]?.stringValue ?? ""
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) { problems.append("\(path).url: must be an absolute URL") }
            if action["title"]?.stringValue == nil { problems.append("\(path).title: required") }
        }
    }
}
