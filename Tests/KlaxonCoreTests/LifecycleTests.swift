import Foundation
import KlaxonCore
import KlaxonTesting
import Testing

@Suite("Lifecycle.decide over every (stored state, incoming state) pair")
struct LifecycleTests {
    enum Stored: String, CaseIterable, Sendable {
        case none, open, closed, openManuallyClosed, closedManuallyClosed
    }

    enum Timing: String, CaseIterable, Sendable {
        case newer, same, older
    }

    static let base = Date(timeIntervalSince1970: 1_750_000_000)

    static func record(_ stored: Stored) -> AlertRecord? {
        let alert = AlertSamples.alert(at: base.timeIntervalSince1970)
        switch stored {
        case .none: return nil
        case .open, .openManuallyClosed:
            return AlertRecord(fingerprint: "f", status: .open, lastProviderStateAt: base, firstSeenAt: base, lastSeenAt: base,
                               occurrences: 1, manuallyClosed: stored == .openManuallyClosed, alert: alert)
        case .closed, .closedManuallyClosed:
            return AlertRecord(fingerprint: "f", status: .closed, lastProviderStateAt: base, firstSeenAt: base, lastSeenAt: base,
                               occurrences: 1, manuallyClosed: stored == .closedManuallyClosed, alert: alert)
        }
    }

    /// The expected decision, written out from DESIGN.md's rules, one row per case.
    static let table: [(Stored, AlertEvent.State, Timing, Lifecycle.Action)] = [
        (.none, .firing, .newer, .create), (.none, .firing, .same, .create), (.none, .firing, .older, .create),
        (.none, .resolved, .newer, .skipStale), (.none, .resolved, .same, .skipStale), (.none, .resolved, .older, .skipStale),
        (.open, .firing, .newer, .comment), (.open, .firing, .same, .comment), (.open, .firing, .older, .skipStale),
        (.open, .resolved, .newer, .close), (.open, .resolved, .same, .close), (.open, .resolved, .older, .skipStale),
        (.closed, .firing, .newer, .create), (.closed, .firing, .same, .create), (.closed, .firing, .older, .skipStale),
        (.closed, .resolved, .newer, .skipStale), (.closed, .resolved, .same, .skipStale), (.closed, .resolved, .older, .skipStale),
        (.openManuallyClosed, .firing, .newer, .skipManualClose), (.openManuallyClosed, .firing, .older, .skipManualClose),
        (.openManuallyClosed, .resolved, .newer, .skipManualClose), (.openManuallyClosed, .resolved, .older, .skipManualClose),
        (.closedManuallyClosed, .firing, .newer, .skipManualClose), (.closedManuallyClosed, .resolved, .same, .skipManualClose),
    ]

    @Test(arguments: table.indices)
    func decision(_ index: Int) {
        let (stored, incoming, timing, expected) = Self.table[index]
        let offset: TimeInterval = timing == .newer ? 60 : timing == .same ? 0 : -60
        let action = Lifecycle.decide(stored: Self.record(stored), incoming: incoming, occurredAt: Self.base.addingTimeInterval(offset))
        #expect(action == expected, "stored \(stored) + \(incoming) (\(timing))")
    }

    @Test func tableCoversEveryStoredAndIncomingPair() {
        for stored in Stored.allCases {
            for incoming in [AlertEvent.State.firing, .resolved] {
                #expect(Self.table.contains { $0.0 == stored && $0.1 == incoming }, "\(stored) + \(incoming) missing")
            }
        }
    }

    @Test func occurrencesAndStatusFollowTheActions() {
        let now = Self.base
        let fire = AlertSamples.alert(at: 100)
        var record = Lifecycle.apply(.create, to: nil, alert: fire, fingerprint: "f", now: now)
        #expect(record.status == .open && record.occurrences == 1 && record.notifications == 1)
        record = Lifecycle.apply(.comment, to: record, alert: AlertSamples.alert(at: 200), fingerprint: "f", now: now)
        #expect(record.status == .open && record.occurrences == 1 && record.notifications == 2)
        record.externalRef = "42"
        record = Lifecycle.apply(.close, to: record, alert: AlertSamples.alert(state: .resolved, at: 300), fingerprint: "f", now: now)
        #expect(record.status == .closed && record.lastProviderStateAt == Date(timeIntervalSince1970: 300))
        record = Lifecycle.apply(.create, to: record, alert: AlertSamples.alert(at: 400), fingerprint: "f", now: now)
        #expect(record.status == .open && record.occurrences == 2 && record.notifications == 1 && record.externalRef == nil)
    }

    @Test func manualCloseEndsWhenTheAlertResolves() {
        var record = Lifecycle.apply(.create, to: nil, alert: AlertSamples.alert(at: 100), fingerprint: "f", now: Self.base)
        record.manuallyClosed = true
        let stillFiring = Lifecycle.apply(.skipManualClose, to: record, alert: AlertSamples.alert(at: 200), fingerprint: "f", now: Self.base)
        #expect(stillFiring.manuallyClosed)
        let resolved = Lifecycle.apply(.skipManualClose, to: record, alert: AlertSamples.alert(state: .resolved, at: 300), fingerprint: "f", now: Self.base)
        #expect(!resolved.manuallyClosed && resolved.status == .closed)
        #expect(Lifecycle.decide(stored: resolved, incoming: .firing, occurredAt: Date(timeIntervalSince1970: 400)) == .create)
    }
}
