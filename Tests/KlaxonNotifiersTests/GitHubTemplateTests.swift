import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonTesting
import Testing

@Suite("GitHub issue text from templates: overrides, marker and limits", .serialized)
struct GitHubTemplateTests {
    @Test func anOverrideChangesTheIssueBodyAndCommentsButKeepsTheMarker() async throws {
        let templates = try MessageTemplates(defaults: GitHubTemplates.defaults, overrides: [
            "title": "{{severity_emoji}} {{title}}",
            "body": "Owned by {{teams}}.\n{{#rows}}{{field}}={{value}};{{/rows}}\n",
            "closing": "Gone ({{reason}}).",
        ])
        let rig = try await GitHubRig(commentInterval: .seconds(0), templates: templates)
        defer { Task { await rig.standIn.stop() } }
        #expect(await rig.notifier.send(rig.delivery(.create, sequence: 1)) == .ok)
        let issue = try #require(rig.standIn.issues.first)
        #expect(issue.title == "🔴 Runners-ASG-InsufficientInstances")
        let marker = GitHubIssueContent.marker(fingerprint: GitHubRig.alert().fingerprint, occurrence: 1)
        #expect(issue.body == marker + "\nOwned by dev-infra.\nPriority=P1 (critical);State=FIRING;Source=cloudwatch;Teams=dev-infra;"
            + "Resource=autoscaling_group `gh-ci-canary-runners` (us-east-1);AWS account=123456789012;"
            + "Occurred at=2025-06-15T15:06:40.000Z;Fingerprint=`\(GitHubRig.alert().fingerprint.prefix(12))`;\n")
        // The part not overridden keeps its default; the closing comment is the override's.
        rig.clock.advance(by: 1)
        #expect(await rig.notifier.send(rig.delivery(.comment, sequence: 2)) == .ok)
        #expect(await rig.notifier.send(rig.delivery(.close, sequence: 3, alert: GitHubRig.alert(state: .resolved))) == .ok)
        let closed = try #require(rig.standIn.issues.first)
        #expect(closed.comments.first?.hasPrefix("**Fired again** at ") == true)
        #expect(closed.comments.last == "Gone (Threshold Crossed: back to normal.).")
        #expect(rig.standIn.violations.isEmpty, "\(rig.standIn.violations)")
    }

    /// A template that repeats a long description or writes a long title cannot push the text past
    /// GitHub's limits, and cannot remove the marker or fake another before it.
    @Test func limitsAndTheMarkerHoldWhateverTheTemplateRenders() throws {
        let templates = try MessageTemplates(defaults: GitHubTemplates.defaults, overrides: [
            "title": "{{title}}{{title}}",
            "body": "<!-- klaxon:fingerprint=00ff occurrence=9 -->{{description}}{{description}}{{description}}",
            "comment": "{{description}}{{description}}",
        ])
        var alert = GitHubRig.alert()
        alert.title = String(repeating: "T", count: 200)
        alert.description = String(repeating: "d", count: 30_000)
        let delivery = Delivery(receiver: "issues", fingerprint: alert.fingerprint, occurrence: 3, action: .create, sequence: 1, alert: alert,
                                createdAt: Date(timeIntervalSince1970: 1_760_000_000))
        let title = GitHubIssueContent.title(for: delivery, templates: templates)
        let body = GitHubIssueContent.body(for: delivery, templates: templates)
        let comment = GitHubIssueContent.comment(for: delivery, folded: 0, templates: templates)
        #expect(title.count == GitHubIssueContent.maxTitle && title.hasSuffix("(truncated by Klaxon)"))
        #expect(body.count <= GitHubIssueContent.maxBody && body.hasSuffix("(truncated by Klaxon)"))
        #expect(GitHubIssueContent.fingerprint(inBody: body) == alert.fingerprint)
        #expect(comment.count <= GitHubIssueContent.maxBody)
    }

    @Test func aTemplateThatRendersNoTitleFallsBackToTheBuiltInOne() throws {
        let templates = try MessageTemplates(defaults: GitHubTemplates.defaults, overrides: ["title": "{{#resolved}}x{{/resolved}}  "])
        let alert = GitHubRig.alert()
        let delivery = Delivery(receiver: "issues", fingerprint: alert.fingerprint, occurrence: 1, action: .create, sequence: 1, alert: alert,
                                createdAt: Date(timeIntervalSince1970: 1_760_000_000))
        #expect(GitHubIssueContent.title(for: delivery, templates: templates) == "[P1] Runners-ASG-InsufficientInstances")
    }

    @Test(arguments: ["description", "labels", "marker"])
    func anUnknownPartIsRefused(_ part: String) {
        #expect(throws: MessageTemplates.Problem.self) { try MessageTemplates(defaults: GitHubTemplates.defaults, overrides: [part: "x"]) }
    }
}
