import Foundation

/// An acknowledgement (`/ack`, the Acknowledge button) is a silence on one fingerprint that lasts
/// until that alert resolves. It is stored as an ordinary silence — so `klaxon silence list` and
/// `/silences` show it and `klaxon silence expire` ends it — with an id starting `ack-`; the
/// processor ends it when the alert's RESOLVED arrives and lets that RESOLVED through.
extension Silence {
    package static let acknowledgementPrefix = "ack-"

    /// The silence for acknowledging `fingerprint` now. It ends at the latest after
    /// `MuteDuration.maximumSeconds`, so a forgotten alert cannot stay silent for ever.
    package static func acknowledgement(fingerprint: String, idSuffix: String, by actor: String, now: Date) throws -> Silence {
        Silence(
            id: acknowledgementPrefix + idSuffix,
            matchers: [try Matcher(name: "fingerprint", op: .equal, value: fingerprint)],
            startsAt: now, endsAt: now.addingTimeInterval(TimeInterval(MuteDuration.maximumSeconds)),
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
