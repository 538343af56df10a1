/// Slack's documented limits for a Block Kit message.
///
/// - Blocks: https://api.slack.com/reference/block-kit/blocks (50 blocks per message; section text
///   3,000 characters, 10 fields of 2,000; header text 150; context 10 elements; actions 25).
/// - Button: https://api.slack.com/reference/block-kit/block-elements#button (text 75, action_id
///   255, value 2,000).
/// - `text` of chat.postMessage: https://api.slack.com/methods/chat.postMessage (truncated by Slack
///   past 40,000; Klaxon keeps it to 3,000, it is only the notification fall-back).
package enum SlackLimits {
    package static let blocks = 50
    package static let sectionText = 3000
    package static let sectionFields = 10
    package static let fieldText = 2000
    package static let headerText = 150
    package static let contextElements = 10
    package static let actionsElements = 25
    package static let buttonText = 75
    package static let actionID = 255
    package static let buttonValue = 2000
    package static let text = 3000
}
