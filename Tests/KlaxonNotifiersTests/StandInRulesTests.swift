import Foundation
import KlaxonCore
import KlaxonTesting
import Testing

/// The stand-ins' rules accept the platforms' own published examples and refuse what the
/// platforms refuse.
@Suite("Stand-in rules against the platforms' fixtures")
struct StandInRulesTests {
    @Test func slacksBlockKitExampleIsAValidMessage() throws {
        let message = try JSONValue.parse(data: try Golden.fixture("slack-incoming-webhook-blockkit-message.json"))
        #expect(SlackBlockKitRules.problems(inMessage: message) == [])
    }

    @Test func slackRulesRefuseBrokenBlocks() {
        let header: JSONValue = .object(["type": .string("header"), "text": .object(["type": .string("mrkdwn"), "text": .string("x")])])
        let empty: JSONValue = .object(["blocks": .array([])])
        let tooLong: JSONValue = .object(["blocks": .array([.object(["type": .string("section"), "text": .object([
            "type": .string("mrkdwn"), "text": .string(String(repeating: "a", count: 3001))])])])])
        #expect(SlackBlockKitRules.problems(inMessage: .object(["blocks": .array([header])])).isEmpty == false)
        #expect(SlackBlockKitRules.problems(inMessage: empty) == ["no_text"])
        #expect(SlackBlockKitRules.problems(inMessage: tooLong).isEmpty == false)
    }

    @Test(arguments: ["adaptivecards-sample-v1.4-Action.Execute.json", "adaptivecards-sample-v1.0-Action.Submit.json"])
    func adaptiveCardSamplesAreValidCards(name: String) throws {
        let card = try JSONValue.parse(data: try Golden.fixture(name))
        #expect(AdaptiveCardRules.problems(inCard: card) == [])
        let envelope: JSONValue = .object(["type": .string("message"), "attachments": .array([.object([
            "contentType": .string("application/vnd.microsoft.card.adaptive"), "content": card])])])
        #expect(AdaptiveCardRules.problems(inMessage: envelope) == [])
        // Interactive actions are what an incoming webhook cannot carry.
        #expect(AdaptiveCardRules.actionTypes(inMessage: envelope).contains { AdaptiveCardRules.interactiveActions.contains($0) })
    }

    @Test func theTeamsDocsEnvelopeIsNotJSONAsPublished() throws {
        let text = try Golden.fixture("msteams-docs-connectors-using-adaptivecard-webhook-message.json.txt")
        #expect((try? JSONValue.parse(data: text)) == nil)
        // With its trailing comma removed it is the envelope the rules expect.
        let fixed = String(decoding: text, as: UTF8.self).replacingOccurrences(of: ",\n                }", with: "\n                }")
        let message = try JSONValue.parse(data: Data(fixed.utf8))
        #expect(AdaptiveCardRules.problems(inMessage: message) == [])
    }
}
