import Foundation
import KlaxonCore
import KlaxonTesting
import Testing

@Suite struct MatcherTests {
    static let alert = AlertSamples.alert(title: "Disk full", priority: .p1, teams: ["platform", "storage"], labels: ["env": "prod", "instance": "db-1"])
    static let subject = AlertMatchSubject(alert: alert, fingerprint: "abcdef")

    @Test(arguments: [
        ("team=platform", true), ("team=storage", true), ("team=web", false), ("team!=web", true), ("team!=storage", false),
        ("priority=~P0|P1", true), ("priority!~P0|P1", false), ("priority=~P", false), ("env=prod", true), ("env=\"prod\"", true),
        ("missing=", true), ("missing!=x", true), ("missing=x", false), ("source=cloudwatch", true), ("fingerprint=abcdef", true),
        ("instance=~db-.*", true), ("severity=critical", true), ("title=Disk full", true), ("state=FIRING", true),
    ])
    func matches(_ text: String, expected: Bool) throws {
        #expect(try Matcher(parsing: text).matches(Self.subject) == expected, "\(text)")
    }

    @Test(arguments: ["team", "=x", "a=~(unclosed"])
    func invalid(_ text: String) {
        #expect(throws: Matcher.ParseError.self) { try Matcher(parsing: text) }
    }

    @Test func silenceNeedsMatchersAndTime() throws {
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let matchers = [try Matcher(parsing: "team=platform")]
        let active = Silence(id: "s1", matchers: matchers, startsAt: now.addingTimeInterval(-10), endsAt: now.addingTimeInterval(10), createdBy: "me", comment: "")
        #expect(active.silences(Self.subject, at: now))
        #expect(!active.silences(Self.subject, at: now.addingTimeInterval(10)))
        #expect(!active.silences(Self.subject, at: now.addingTimeInterval(-11)))
        let empty = Silence(id: "s2", matchers: [], startsAt: now.addingTimeInterval(-10), endsAt: now.addingTimeInterval(10), createdBy: "me", comment: "")
        #expect(!empty.silences(Self.subject, at: now))
    }
}
