import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import Testing

@Suite("Message templates")
struct TemplateTests {
    @Test(arguments: [DiscordTemplates.defaults, SlackTemplates.defaults, TeamsTemplates.defaults])
    func everyBuiltInTemplateParses(defaults: [String: String]) throws {
        let templates = try MessageTemplates(defaults: defaults)
        for part in defaults.keys where part != "approval_url" {
            #expect(!templates.renderTrimmed(part, TemplateContext(NotifierSamples.create())).isEmpty, "\(part) renders nothing")
        }
    }

    @Test func anOverrideReplacesOnePartAndKeepsTheOthers() throws {
        let builder = try NotifierSamples.discord(.plain, overrides: ["content": "{{severity_emoji}} [{{priority}}] {{title}} — {{teams}}{{#runbook_url}} {{runbook_url}}{{/runbook_url}}"])
        let message = builder.message(for: NotifierSamples.create())
        #expect(message.content == "🔴 [P1] prod-api-CPU-high — platform, api https://runbooks.example.com/api-cpu")
        #expect(builder.resolutionLine(for: [NotifierSamples.close()]).content == "✅ Resolved: **prod-api-CPU-high**")
    }

    @Test func anUnknownPartIsRefused() {
        #expect(throws: MessageTemplates.Problem.self) { try MessageTemplates(defaults: DiscordTemplates.defaults, overrides: ["subject": "x"]) }
        #expect(throws: MessageTemplates.Problem.self) { try MessageTemplates(defaults: DiscordTemplates.defaults, overrides: ["title": "{{#x}}"]) }
    }

    @Test func textIsNotHTMLEscaped() throws {
        var alert = NotifierSamples.alert()
        alert.title = "p99 > 2s & <rising> \"fast\""
        let templates = try MessageTemplates(defaults: ["t": "{{title}}"])
        #expect(templates.render("t", TemplateContext(NotifierSamples.delivery(alert))) == "p99 > 2s & <rising> \"fast\"")
        // Slack's mrkdwn body escapes the values instead, as Slack asks; its plain_text header does not.
        var described = alert
        described.description = "p99 > 2s & <rising>"
        let slack = JSONValue.object(try NotifierSamples.slack().message(for: NotifierSamples.delivery(described))).serializedText()
        #expect(slack.contains("p99 &gt; 2s &amp; &lt;rising&gt;"))
        #expect(slack.contains(#""text":"🔴 p99 > 2s & <rising> \"fast\"","type":"plain_text""#))
    }

    @Test func theContextCarriesTheDocumentedKeys() {
        let context = TemplateContext(NotifierSamples.comment())
        #expect(context["action"] == "COMMENT")
        #expect(context["severity"] == "critical")
        #expect(context["region"] == "us-east-1")
        #expect(context["fingerprint_short"]?.count == 12)
        #expect(context["occurred_at"] == "2025-06-15T15:06:40.000Z")
        #expect(context["sequence"] == "2")
        #expect(TemplateContext(NotifierSamples.close())["subject"] == "RESOLVED: prod-api-CPU-high")
    }

    @Test func aCodeFenceInsideTheMessageCannotEndThePlainCodeBlock() throws {
        let alert = NotifierSamples.alert(description: "log:\n```\nboom\n```\nafter")
        let content = try #require(try NotifierSamples.discord(.plain).message(for: NotifierSamples.delivery(alert)).content)
        #expect(TextLimit.fenceCount(content) == 2)
        #expect(content.hasSuffix("after\n```"))
    }
}
