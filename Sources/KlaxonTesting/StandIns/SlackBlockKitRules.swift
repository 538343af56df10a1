import KlaxonCore

/// Slack's Block Kit rules as the stand-ins check them (the subset of block types Klaxon and the
/// Slack fixtures use: section, header, context, actions, divider, image).
///
/// - Blocks: https://api.slack.com/reference/block-kit/blocks — 50 per message; section `text`
///   3,000 and up to 10 `fields` of 2,000, text or fields required; header `plain_text` 150;
///   context 1–10 elements; actions 1–25 elements; `block_id` 255.
/// - Composition objects: https://api.slack.com/reference/block-kit/composition-objects#text
/// - Button: https://api.slack.com/reference/block-kit/block-elements#button — text `plain_text`
///   75, `action_id` 255 and unique in the message, `value` 2,000, `url` 3,000.
/// - Attachments: https://api.slack.com/reference/messaging/attachments — `color` is `good`,
///   `warning`, `danger` or a hex colour.
package enum SlackBlockKitRules {
    /// Every rule `message` breaks (empty when it is a valid message).
    package static func problems(inMessage message: JSONValue) -> [String] {
        var problems: [String] = []
        var actionIDs: Set<String> = []
        let text = message["text"]?.stringValue ?? ""
        let blocks = message["blocks"]?.arrayValue ?? []
        let attachments = message["attachments"]?.arrayValue ?? []
        if text.isEmpty && blocks.isEmpty && attachments.isEmpty { problems.append("no_text") }
        check(blocks: blocks, at: "blocks", problems: &problems, actionIDs: &actionIDs)
        for (index, attachment) in attachments.enumerated() {
            if let color = attachment["color"]?.stringValue, !isColor(color) {
                problems.append("attachments[\(index)].color: not good/warning/danger or a hex colour")
            }
            check(blocks: attachment["blocks"]?.arrayValue ?? [], at: "attachments[\(index)].blocks", problems: &problems, actionIDs: &actionIDs)
        }
        return problems
    }

    private static func isColor(_ text: String) -> Bool {
        if ["good", "warning", "danger"].contains(text) { return true }
        let hex = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
        return hex.count == 6 && hex.allSatisfy(\.isHexDigit)
    }

    private static func check(blocks: [JSONValue], at path: String, problems: inout [String], actionIDs: inout Set<String>) {
        if blocks.count > 50 { problems.append("\(path): more than 50 blocks") }
        for (index, block) in blocks.enumerated() {
            let here = "\(path)[\(index)]"
            if let id = block["block_id"]?.stringValue, characterCount(id) > 255 { problems.append("\(here).block_id: over 255") }
            switch block["type"]?.stringValue {
            case "section":
                let fields = block["fields"]?.arrayValue
                if block["text"] == nil && fields == nil { problems.append("\(here): a section needs text or fields") }
                if let textObject = block["text"] { textCheck(textObject, "\(here).text", max: 3000, problems: &problems) }
                if let fields {
                    if fields.count > 10 { problems.append("\(here).fields: more than 10") }
                    for (fieldIndex, field) in fields.enumerated() { textCheck(field, "\(here).fields[\(fieldIndex)]", max: 2000, problems: &problems) }
                }
                if let accessory = block["accessory"] { element(accessory, "\(here).accessory", problems: &problems, actionIDs: &actionIDs) }
            case "header":
                guard let textObject = block["text"], textObject["type"]?.stringValue == "plain_text" else {
                    problems.append("\(here).text: a header needs plain_text")
                    continue
                }
                textCheck(textObject, "\(here).text", max: 150, problems: &problems)
            case "context":
                let elements = block["elements"]?.arrayValue ?? []
                if elements.isEmpty || elements.count > 10 { problems.append("\(here).elements: needs 1 to 10") }
                for (elementIndex, item) in elements.enumerated() {
                    if item["type"]?.stringValue == "image" {
                        if item["image_url"]?.stringValue == nil || item["alt_text"]?.stringValue == nil { problems.append("\(here).elements[\(elementIndex)]: image needs image_url and alt_text") }
                    } else {
                        textCheck(item, "\(here).elements[\(elementIndex)]", max: 3000, problems: &problems)
                    }
                }
            case "actions":
                let elements = block["elements"]?.arrayValue ?? []
                if elements.isEmpty || elements.count > 25 { problems.append("\(here).elements: needs 1 to 25") }
                for (elementIndex, item) in elements.enumerated() { element(item, "\(here).elements[\(elementIndex)]", problems: &problems, actionIDs: &actionIDs) }
            case "divider":
                break
            case "image":
                if block["image_url"]?.stringValue == nil || block["alt_text"]?.stringValue == nil { problems.append("\(here): image needs image_url and alt_text") }
            default:
                problems.append("\(here).type: unknown block type")
            }
        }
    }

    private static func element(_ item: JSONValue, _ path: String, problems: inout [String], actionIDs: inout Set<String>) {
        switch item["type"]?.stringValue {
        case "button":
            guard let label = item["text"], label["type"]?.stringValue == "plain_text" else {
                problems.append("\(path).text: a button needs plain_text")
                return
            }
            textCheck(label, "\(path).text", max: 75, problems: &problems)
            if let id = item["action_id"]?.stringValue {
                if characterCount(id) > 255 { problems.append("\(path).action_id: over 255") }
                if !actionIDs.insert(id).inserted { problems.append("\(path).action_id: not unique in the message") }
            }
            if let value = item["value"]?.stringValue, characterCount(value) > 2000 { problems.append("\(path).value: over 2000") }
            if let style = item["style"]?.stringValue, !["primary", "danger"].contains(style) { problems.append("\(path).style: primary or danger") }
        case "image":
            if item["image_url"]?.stringValue == nil || item["alt_text"]?.stringValue == nil { problems.append("\(path): image needs image_url and alt_text") }
        default:
            problems.append("\(path).type: unsupported element")
        }
    }

    private static func textCheck(_ object: JSONValue, _ path: String, max: Int, problems: inout [String]) {
        guard let type = object["type"]?.stringValue, type == "plain_text" || type == "mrkdwn" else {
            problems.append("\(path).type: plain_text or mrkdwn")
            return
        }
        guard let text = object["text"]?.stringValue, !text.isEmpty else {
            problems.append("\(path).text: must not be empty")
            return
        }
        if characterCount(text) > max { problems.append("\(path).text: over \(max) characters") }
        if type == "mrkdwn", object["emoji"] != nil { problems.append("\(path).emoji: only for plain_text") }
    }
}
