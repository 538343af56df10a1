import Foundation
import KlaxonCore
import Testing

@Suite struct MuteGateTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    @Test(arguments: [
        (nil, false), ("", false), ("0", false), ("banana", false), ("-5", false),
        ("1749999999", false), ("1750000000", false), ("1750000001", true), ("1750003600.5", true), (" 1750003600 ", true),
    ] as [(String?, Bool)])
    func storedValue(_ value: String?, muted: Bool) {
        #expect(MuteGate.decide(storedValue: value, now: Self.now).isMuted == muted)
    }

    struct Broken: Error {}

    @Test func failsOpenWhenTheStoreFails() async {
        let decision = await MuteGate.decide(reading: { throw Broken() }, now: Self.now)
        #expect(decision == .failedOpen(reason: "Broken"))
        #expect(!decision.isMuted)
    }

    @Test(arguments: [("30m", 1800), ("4h", 14_400), ("1d", 86_400), ("365d", 31_536_000), ("1m", 60)] as [(String, Int64)])
    func durations(_ text: String, seconds: Int64) throws {
        #expect(try MuteDuration(parsing: text).seconds == seconds)
    }

    @Test(arguments: ["banana", "0h", "-1h", "4", "h", "4w", "1.5h", "366d", "99999999999999999999d", "", "4 h"])
    func invalidDurations(_ text: String) {
        #expect(throws: MuteDuration.ParseError.self) { try MuteDuration(parsing: text) }
    }

    @Test func defaultIsOneDay() {
        #expect(MuteDuration.defaultDuration.seconds == 86_400)
    }
}
