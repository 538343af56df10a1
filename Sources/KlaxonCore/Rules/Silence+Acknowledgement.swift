import Foundation

/// An acknowledgement (`/ack`, the Acknowledge button) is a silence on one fingerprint that lasts
/// until that alert resolves. It is stored as an ordinary silence — so `klaxon silence list` and
/// `/silences` show it and `klaxon silence expire` ends it — with an id starting `ack-`; the
/// processor lets the alert's RESOLVED through and ends the acknowledgement in the same commit
/// (also when the RESOLVED is skipped), and ignores and ends it when the fingerprint fires anew.
extension Silence {
    package static let acknowledgementPrefix = "ack-"
    /// An acknowledgement ends after 7 days at the latest, so a forgotten alert (or one whose
    /// RESOLVED never comes) does not stay silent for long.
    package static let acknowledgementMaximumSeconds: Int64 = 7 * 86_400

    /// The silence for acknowledging `fingerprint` now. It ends when the alert resolves, and at
    /// the latest after ``acknowledgementMaximumSeconds``.
    package static func acknowledgement(fingerprint: String, idSuffix: String, by actor: String, now: Date) throws -> Silence {
        Silence(
            id: acknowledgementPrefix + idSuffix,
            matchers: [try Matcher(name: "fingerprint", op: .equal, value: fingerprint)],
            startsAt: now, endsAt: now.addingTimeInterval(TimeInterval(acknowledgementMaximumSeconds)),
            createdBy: actor, comment: "acknowledged: silenced until it resolves")
    }

    /// The fingerprint this silence acknowledges, nil for any other silence.
    package var acknowledgedFingerprint: String? {
        guard id.hasPrefix(Self.acknowledgementPrefix), matchers.count == 1,
              matchers[0].name == "fingerprint", matchers[0].op == .equal
        else { return nil }
        return matchers[0].value
    }
}
