import Foundation
import KlaxonCore
import Testing
@testable import KlaxonRouting

@Suite("SilenceMuter")
struct SilenceMuterTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func silence(_ id: String, _ matchers: [String], from start: TimeInterval, to end: TimeInterval) throws -> Silence {
        Silence(
            id: id, matchers: try matchers.map { try Matcher(parsing: $0) },
            startsAt: now.addingTimeInterval(start), endsAt: now.addingTimeInterval(end),
            createdBy: "ops", comment: "maintenance \(id)"
        )
    }

    static let platform = LabelSubject(["team": ["platform"], "priority": ["P1"]])

    @Test("an active matching silence mutes, and says which one")
    func active() throws {
        let silence = try Self.silence("s1", ["team=platform"], from: -60, to: 60)
        #expect(SilenceMuter.firstSilencing([silence], subject: Self.platform, at: Self.now) == silence)
    }

    @Test("expired and future silences do not mute; the end is exclusive, the start inclusive")
    func outsideWindow() throws {
        let expired = try Self.silence("old", ["team=platform"], from: -120, to: -60)
        let future = try Self.silence("later", ["team=platform"], from: 60, to: 120)
        let endsNow = try Self.silence("ends", ["team=platform"], from: -60, to: 0)
        #expect(SilenceMuter.firstSilencing([expired, future, endsNow], subject: Self.platform, at: Self.now) == nil)
        let startsNow = try Self.silence("starts", ["team=platform"], from: 0, to: 60)
        #expect(SilenceMuter.firstSilencing([expired, startsNow], subject: Self.platform, at: Self.now)?.id == "starts")
    }

    @Test("a silence without matchers matches nothing")
    func emptyMatchers() throws {
        let empty = try Self.silence("empty", [], from: -60, to: 60)
        #expect(SilenceMuter.firstSilencing([empty], subject: Self.platform, at: Self.now) == nil)
        #expect(SilenceMuter.firstSilencing([empty], subject: LabelSubject([:]), at: Self.now) == nil)
    }

    @Test("every matcher must match; the first silencing one in order is returned")
    func firstInOrder() throws {
        let other = try Self.silence("other-team", ["team=data"], from: -60, to: 60)
        let partial = try Self.silence("partial", ["team=platform", "priority=P0"], from: -60, to: 60)
        let first = try Self.silence("first", ["priority=~P0|P1"], from: -60, to: 60)
        let second = try Self.silence("second", ["team=platform"], from: -60, to: 60)
        let found = SilenceMuter.firstSilencing([other, partial, first, second], subject: Self.platform, at: Self.now)
        #expect(found?.id == "first")
        #expect(found?.comment == "maintenance first")
        #expect(SilenceMuter.firstSilencing([], subject: Self.platform, at: Self.now) == nil)
    }
}
