import Foundation
import KlaxonCore
import KlaxonStore
import Testing

@Suite("Alert records, mute, silences and audit, on every store")
struct StateConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func recordsAreUpsertedAndReadBack(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let original = Sample.record("fp1")
            try await store.commit(ProcessedBatch(records: [original]), at: Sample.t0)
            let read = try await store.records(fingerprints: ["fp1", "unknown"])
            #expect(read == ["fp1": original])

            var updated = original
            updated.status = .closed
            updated.occurrences = 2
            updated.lastAction = nil
            updated.externalRef = nil
            updated.firingDelivered = false
            updated.alert = Sample.alert("renamed", state: .resolved, occurredAt: Sample.at(30.042))
            try await store.commit(ProcessedBatch(records: [updated]), at: Sample.at(1))
            #expect(try await store.records(fingerprints: ["fp1"])["fp1"] == updated)
            #expect(try await store.records(fingerprints: []).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func openRecordsAreCounted(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var closed = Sample.record("fp2")
            closed.status = .closed
            try await store.commit(ProcessedBatch(records: [Sample.record("fp1"), closed, Sample.record("fp3")]), at: Sample.t0)
            #expect(try await store.openRecordCount() == 2)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func externalRefAndManualCloseChangeOnlyTheirFields(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var expected = Sample.record("fp1")
            try await store.commit(ProcessedBatch(records: [expected]), at: Sample.t0)

            try await store.setExternalRef(fingerprint: "fp1", ref: "issue-99")
            expected.externalRef = "issue-99"
            #expect(try await store.records(fingerprints: ["fp1"])["fp1"] == expected)
            try await store.setExternalRef(fingerprint: "fp1", ref: nil)
            expected.externalRef = nil
            #expect(try await store.records(fingerprints: ["fp1"])["fp1"] == expected)

            #expect(try await store.markManuallyClosed(fingerprint: "fp1", at: Sample.at(77.7)))
            expected.manuallyClosed = true
            expected.manuallyClosedAt = Sample.at(77.7)
            #expect(try await store.records(fingerprints: ["fp1"])["fp1"] == expected)
            #expect(try await store.markManuallyClosed(fingerprint: "nope", at: Sample.t0) == false)
            try await store.setExternalRef(fingerprint: "nope", ref: "1")
            #expect(try await store.records(fingerprints: ["nope"]).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func allRecordsListsMostRecentlySeenFirst(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let records = [
                Sample.record("b", lastSeen: Sample.at(20)),
                Sample.record("c", lastSeen: Sample.at(30)),
                Sample.record("a", lastSeen: Sample.at(20)),
                Sample.record("d", lastSeen: Sample.at(5)),
            ]
            try await store.commit(ProcessedBatch(records: records), at: Sample.t0)
            #expect(try await store.allRecords(limit: 10).map(\.fingerprint) == ["c", "a", "b", "d"])
            #expect(try await store.allRecords(limit: 2).map(\.fingerprint) == ["c", "a"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func muteIsSetReadAndUnset(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.muteState() == MuteState(value: nil))
            try await store.setMutedUntil(1_760_003_600, by: "alice", at: Sample.at(0.5))
            #expect(try await store.muteState() == MuteState(value: "1760003600", by: "alice", at: Sample.at(0.5)))
            #expect(MuteGate.decide(storedValue: try await store.muteState().value, now: Sample.t0) == .muted(until: 1_760_003_600))
            try await store.setMutedUntil(0, by: "bob", at: Sample.at(9))
            #expect(try await store.muteState() == MuteState(value: "0", by: "bob", at: Sample.at(9)))
            #expect(MuteGate.decide(storedValue: try await store.muteState().value, now: Sample.t0) == .open)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func silencesAreAddedListedAndExpired(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            func silence(_ id: String, from: Double, to: Double) throws -> Silence {
                Silence(id: id, matchers: [try Matcher(parsing: "team=infra"), try Matcher(parsing: "alertname=~High.*")],
                        startsAt: Sample.at(from), endsAt: Sample.at(to), createdBy: "alice", comment: "maintenance \(id)")
            }
            let current = try silence("current", from: -10, to: 3600.5)
            let future = try silence("future", from: 100, to: 200)
            let past = try silence("past", from: -100, to: -1)
            for s in [current, future, past] { try await store.addSilence(s) }

            #expect(try await store.activeSilences(at: Sample.t0) == [current])
            #expect(try await store.activeSilences(at: Sample.at(150)) == [current, future])
            #expect(try await store.activeSilences(at: Sample.at(3600.5)).isEmpty)
            #expect(try await store.allSilences(limit: 10) == [past, future, current])
            #expect(try await store.allSilences(limit: 1) == [past])

            var longer = future
            longer.endsAt = Sample.at(300)
            try await store.addSilence(longer)
            #expect(try await store.allSilences(limit: 10) == [past, longer, current])

            #expect(try await store.expireSilence(id: "current", at: Sample.at(5)))
            #expect(try await store.activeSilences(at: Sample.at(5)).isEmpty)
            #expect(try await store.activeSilences(at: Sample.at(4.999)).map(\.id) == ["current"])
            #expect(try await store.expireSilence(id: "past", at: Sample.at(5)))
            #expect(try await store.allSilences(limit: 10).first?.endsAt == Sample.at(-1))
            #expect(try await store.expireSilence(id: "missing", at: Sample.t0) == false)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aMuteOrASilenceIsWrittenWithItsAuditEntry(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let muted = AuditEntry(at: Sample.at(1), step: "alert_muted", actor: "alice", detail: ["muted_until": "1760003600", "by": "alice"])
            try await store.setMutedUntil(1_760_003_600, by: "alice", at: Sample.at(1), audit: muted)
            #expect(try await store.muteState() == MuteState(value: "1760003600", by: "alice", at: Sample.at(1)))
            let silence = Silence(id: "s-1", matchers: [try Matcher(parsing: "team=web")], startsAt: Sample.at(2), endsAt: Sample.at(3600), createdBy: "bob", comment: "")
            let added = AuditEntry(at: Sample.at(2), step: "silence_added", actor: "bob", detail: ["silence_id": "s-1", "by": "bob"])
            try await store.addSilence(silence, audit: added)
            #expect(try await store.activeSilences(at: Sample.at(2)) == [silence])
            #expect(try await store.recentAudit(limit: 10) == [added, muted])
        }
    }

    /// The processor ends acknowledgements in the commit of the alert that ends them.
    @Test(arguments: StoreKind.allCases)
    func aCommitEndsTheSilencesItNames(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ack = try Silence.acknowledgement(fingerprint: "fp1", idSuffix: "1", by: "alice", now: Sample.at(-10))
            let other = Silence(id: "s-2", matchers: [try Matcher(parsing: "team=infra")], startsAt: Sample.at(-10), endsAt: Sample.at(3600), createdBy: "bob", comment: "")
            try await store.addSilence(ack)
            try await store.addSilence(other)
            let ended = AuditEntry(at: Sample.at(2), step: "silence_expired", fingerprint: "fp1", actor: "klaxon", detail: ["silence_id": ack.id])
            try await store.commit(ProcessedBatch(records: [Sample.record("fp1")], audit: [ended], expiredSilenceIds: [ack.id, "missing"]), at: Sample.at(2))
            #expect(try await store.activeSilences(at: Sample.at(2)) == [other])
            #expect(try await store.activeSilences(at: Sample.at(1.999)).map(\.id) == [ack.id, "s-2"])
            #expect(try await store.recentAudit(limit: 10) == [ended])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func auditIsListedNewestFirst(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let first = AuditEntry(at: Sample.at(1), step: "alert_processed", fingerprint: "fp1", detail: ["action": "CREATE"])
            let second = AuditEntry(at: Sample.at(2.5), step: "alert_muted", actor: "alice", detail: ["until": "1760003600", "via": "discord"])
            let third = AuditEntry(at: Sample.at(2.5), step: "alert_suppressed", fingerprint: "fp2")
            try await store.appendAudit([first, second])
            try await store.appendAudit([third])
            try await store.appendAudit([])
            #expect(try await store.recentAudit(limit: 10) == [third, second, first])
            #expect(try await store.recentAudit(limit: 2) == [third, second])
            // An older entry appended late is listed by its time.
            let late = AuditEntry(at: Sample.at(0), step: "silence_added", actor: "bob")
            try await store.appendAudit([late])
            #expect(try await store.recentAudit(limit: 10) == [third, second, first, late])
        }
    }
}
