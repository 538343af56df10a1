import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonTesting
import Testing

/// Discord's limits are met by truncation with a visible marker, never by a refused request; each
/// result is checked with the Discord stand-in's own rules.
@Suite("Truncation at each platform limit")
struct TruncationTests {
    @Test(arguments: [0, 1, 5, 13, 14, 20, 256, 1024, 2000, 4096])
    func clippedTextFitsAndShowsTheMarker(limit: Int) {
        let text = String(repeating: "abcdefghij", count: 500)
        let clipped = TextLimit.clip(text, to: limit)
        #expect(TextLimit.length(clipped) <= limit)
        if limit >= TextLimit.length(TextLimit.marker) { #expect(clipped.hasSuffix(TextLimit.marker)) }
        #expect(TextLimit.clip("short", to: 2000) == "short")
    }

    @Test func textExactlyAtTheLimitIsKept() {
        let text = String(repeating: "x", count: 2000)
        #expect(TextLimit.clip(text, to: 2000) == text)
        #expect(TextLimit.clip(text + "y", to: 2000).hasSuffix(TextLimit.marker))
    }

    @Test func aCodeBlockCutInTheMiddleIsClosedAgain() {
        let text = "**title**\n```\n" + String(repeating: "line of log output\n", count: 300) + "```"
        let clipped = TextLimit.clip(text, to: 2000)
        #expect(TextLimit.length(clipped) <= 2000)
        #expect(TextLimit.fenceCount(clipped) % 2 == 0)
        #expect(clipped.hasSuffix(TextLimit.marker + "\n```"))
    }

    @Test func emojiAreNeverSplit() {
        let text = String(repeating: "🇺🇸👩‍👩‍👧", count: 400)
        let clipped = TextLimit.clip(text, to: 100)
        #expect(TextLimit.length(clipped) <= 100)
        let kept = String(clipped.dropLast(TextLimit.marker.count))
        #expect(kept.count % 2 == 0 || kept.hasSuffix("🇺🇸"))
        #expect(kept.allSatisfy { $0 == "🇺🇸" || $0 == "👩‍👩‍👧" })
    }

    @Test func plainContentOver2000IsCutWithItsCodeBlockClosed() throws {
        let alert = NotifierSamples.alert(description: String(repeating: "stack frame at 0x7fff\n", count: 400))
        let message = try NotifierSamples.discord(.plain).message(for: NotifierSamples.delivery(alert))
        let content = try #require(message.content)
        #expect(TextLimit.length(content) <= DiscordLimits.content)
        #expect(content.contains(TextLimit.marker))
        #expect(TextLimit.fenceCount(content) % 2 == 0)
        #expect(DiscordStandIn.problems(in: message.json, isEdit: false) == [])
    }

    @Test func aMessageThatAlreadyHoldsFencesKeepsThemBalanced() throws {
        let alert = NotifierSamples.alert(description: "before ``` inside ``` after " + String(repeating: "z", count: 3000))
        let message = try NotifierSamples.discord(.plain).message(for: NotifierSamples.delivery(alert))
        let content = try #require(message.content)
        #expect(TextLimit.fenceCount(content) % 2 == 0)
    }

    @Test func everyEmbedLimitIsMet() {
        let long = String(repeating: "L", count: 9000)
        let embed = DiscordMessage.Embed(
            title: long, description: long, color: 0xFF0000,
            fields: (0..<40).map { _ in DiscordMessage.Field(name: long, value: long) }, footer: long, author: long)
        let message = DiscordMessage(content: long, username: long, embeds: Array(repeating: embed, count: 14)).applyingLimits()
        #expect(message.embeds.count == DiscordLimits.embedsPerMessage)
        #expect(TextLimit.length(message.content ?? "") <= DiscordLimits.content)
        #expect(TextLimit.length(message.username ?? "") <= DiscordLimits.username)
        for embed in message.embeds {
            #expect(TextLimit.length(embed.title ?? "") <= DiscordLimits.title)
            #expect(TextLimit.length(embed.description ?? "") <= DiscordLimits.description)
            #expect(embed.fields.count <= DiscordLimits.fields)
            #expect(embed.fields.allSatisfy { TextLimit.length($0.name) <= DiscordLimits.fieldName && TextLimit.length($0.value) <= DiscordLimits.fieldValue })
        }
        #expect(message.embeds.reduce(0) { $0 + $1.countedLength } <= DiscordLimits.totalEmbedCharacters)
        #expect(DiscordStandIn.problems(in: message.json, isEdit: false) == [])
    }

    @Test(arguments: [
        ("title", 257), ("description", 4097), ("fieldName", 257), ("fieldValue", 1025), ("footer", 2049), ("author", 257),
    ])
    func oneCharacterOverALimitIsTruncatedWithTheMarker(part: String, length: Int) {
        let text = String(repeating: "a", count: length)
        var embed = DiscordMessage.Embed(title: "t", description: "d", fields: [DiscordMessage.Field(name: "n", value: "v")])
        switch part {
        case "title": embed.title = text
        case "description": embed.description = text
        case "fieldName": embed.fields[0].name = text
        case "fieldValue": embed.fields[0].value = text
        case "footer": embed.footer = text
        default: embed.author = text
        }
        let raw = DiscordMessage(embeds: [embed])
        #expect(DiscordStandIn.problems(in: raw.json, isEdit: false).isEmpty == false)
        let fitted = raw.applyingLimits()
        #expect(DiscordStandIn.problems(in: fitted.json, isEdit: false) == [])
        let parts = [fitted.embeds[0].title, fitted.embeds[0].description, fitted.embeds[0].fields[0].name, fitted.embeds[0].fields[0].value,
                     fitted.embeds[0].footer, fitted.embeds[0].author].compactMap { $0 }
        #expect(parts.contains { $0.hasSuffix(TextLimit.marker) })
    }

    @Test func twentySixFieldsBecomeTwentyFiveWithANote() {
        let embed = DiscordMessage.Embed(title: "t", fields: (0..<26).map { DiscordMessage.Field(name: "f\($0)", value: "v") })
        let fitted = DiscordMessage(embeds: [embed]).applyingLimits()
        #expect(fitted.embeds[0].fields.count == 25)
        #expect(fitted.embeds[0].fields.last?.value.contains("[truncated]") == true)
    }

    @Test func embedsOverTenAreDroppedWithANoteInTheContent() {
        let embeds = (0..<13).map { DiscordMessage.Embed(title: "alert \($0)") }
        let fitted = DiscordMessage(embeds: embeds).applyingLimits()
        #expect(fitted.embeds.map(\.title) == (0..<10).map { "alert \($0)" })
        #expect(fitted.content == "… 3 more embeds not shown [truncated]")
        #expect(DiscordStandIn.problems(in: fitted.json, isEdit: false) == [])
        let withContent = DiscordMessage(content: "3 alerts", embeds: embeds).applyingLimits()
        #expect(withContent.content == "3 alerts\n… 3 more embeds not shown [truncated]")
    }

    /// Over the 6,000 total, fields dropped from the end are replaced by a last field saying so.
    @Test func fieldsDroppedForTheTotalLeaveANote() {
        let fields = (0..<20).map { DiscordMessage.Field(name: "field \($0)", value: String(repeating: "v", count: 500)) }
        let embeds = (0..<2).map { DiscordMessage.Embed(title: "alert \($0)", fields: fields) }
        let fitted = DiscordMessage(embeds: embeds).applyingLimits()
        #expect(fitted.embeds.reduce(0) { $0 + $1.countedLength } <= DiscordLimits.totalEmbedCharacters)
        #expect(DiscordStandIn.problems(in: fitted.json, isEdit: false) == [])
        for embed in fitted.embeds {
            let note = try? #require(embed.fields.last)
            let kept = embed.fields.count - 1
            #expect(note == DiscordMessage.Field(name: "…", value: "\(20 - kept) more fields [truncated]", inline: false))
            #expect(embed.fields.dropLast().map(\.name) == (0..<kept).map { "field \($0)" })
        }
    }

    @Test func tenFullEmbedsAreShrunkToTheSixThousandTotal() throws {
        let big = NotifierSamples.alert(description: String(repeating: "d", count: 4000))
        let batch = (0..<10).map { NotifierSamples.delivery(big, fingerprint: "fp\($0)") }
        let message = try NotifierSamples.discord(.embed).message(for: batch)
        #expect(message.embeds.count == 10)
        #expect(message.embeds.reduce(0) { $0 + $1.countedLength } <= DiscordLimits.totalEmbedCharacters)
        #expect(message.embeds.allSatisfy { $0.title?.isEmpty == false })
        #expect(DiscordStandIn.problems(in: message.json, isEdit: false) == [])
    }

    @Test func slackTextsAreCutToBlockKitLimits() throws {
        let alert = NotifierSamples.alert(description: String(repeating: "s", count: 5000))
        var long = alert
        long.title = String(repeating: "T", count: 400)
        let body = JSONValue.object(try NotifierSamples.slack().message(for: NotifierSamples.delivery(long)))
        #expect(SlackBlockKitRules.problems(inMessage: body) == [])
        #expect(body.serializedText().contains(TextLimit.marker))
    }
}
