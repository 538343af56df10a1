import Foundation
import KlaxonCore
import Testing
@testable import KlaxonRouting

@Suite("Config: a receiver's rate_limit and the pipeline's linger")
struct RateLimitSettingTests {
    @Test("rate_limit text", arguments: [
        ("5/2s", RateLimitSetting.every(count: 5, per: .seconds(2))),
        ("80/1m", .every(count: 80, per: .seconds(60))),
        (" 30/500ms ", .every(count: 30, per: .milliseconds(500))),
        ("off", .off),
    ])
    func parses(text: String, expected: RateLimitSetting) {
        #expect(RateLimitSetting(configText: text) == expected)
    }

    @Test("text that is not a rate", arguments: ["", "5", "5/", "/2s", "0/2s", "-1/2s", "5/0s", "5/soon", "five/2s", "5/2s/1", "none"])
    func refuses(text: String) {
        #expect(RateLimitSetting(configText: text) == nil)
    }

    static func discord(_ extra: String) -> String {
        "receivers:\n  - name: d\n    discord:\n      webhook_url: https://discord.com/api/webhooks/1/t\n\(extra)routes:\n  - receivers: [d]\n"
    }

    @Test func discordReceiversKeepDiscordsLimitUnlessTold() throws {
        let plain = try loadConfig(Self.discord(""))
        guard case .discord(let byDefault) = plain.receivers[0].kind else { Issue.record("not discord"); return }
        #expect(byDefault.rateLimit == .platformDefault)
        let relayed = try loadConfig(Self.discord("      rate_limit: off\n"))
        guard case .discord(let off) = relayed.receivers[0].kind else { Issue.record("not discord"); return }
        #expect(off.rateLimit == .off)
    }

    @Test func aBadRateLimitIsReportedWithItsKeyPath() {
        #expect(pathsAndMessages(configIssues(Self.discord("      rate_limit: fast\n")))
            == ["receivers[0].discord.rate_limit: expected requests per duration like 5/2s or 80/1m, or off, got \"fast\""])
    }

    @Test func lingerTakesZeroAndDefaultsToOneMillisecond() throws {
        let tail = "receivers:\n  - name: c\n    console: {}\nroutes:\n  - receivers: [c]\n"
        #expect(try loadConfig(tail).pipeline.linger == .milliseconds(1))
        #expect(try loadConfig("pipeline:\n  linger: 0\n" + tail).pipeline.linger == .zero)
        #expect(try loadConfig("pipeline:\n  linger: 5ms\n" + tail).pipeline.linger == .milliseconds(5))
    }
}
