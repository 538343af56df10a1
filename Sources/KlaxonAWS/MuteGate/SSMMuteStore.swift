import Foundation
import KlaxonCore

/// The global mute kept in an SSM parameter, as the ops bot keeps it: the value is "muted until"
/// as unix seconds (`0` unmutes), a plain `String` parameter.
///
/// Reading a missing parameter is "never set" (not muted), not an error. Every other failure is
/// thrown, and the readers fail open: the processor lets alerts through (``MuteGate``), `klaxon
/// status` reports not muted and says the gate was unreadable. A failed *write* is thrown to the
/// caller (`klaxon mute` must not claim a mute it did not make).
/// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
package struct SSMMuteStore: MuteStore {
    private let ssm: SSMClient
    /// `/klaxon/alerts/muted_until` by default; `/encache/alerts/dlq_muted_until` for the ops bot.
    package let parameterName: String

    package init(ssm: SSMClient, parameterName: String) {
        self.ssm = ssm
        self.parameterName = parameterName
    }

    package func muteState() async throws -> MuteState {
        do {
            let parameter = try await ssm.getParameter(name: parameterName, withDecryption: true)
            return MuteState(value: parameter.value)
        } catch let error as AWSError where error.code == "ParameterNotFound" {
            return MuteState(value: nil)
        }
    }

    /// SSM keeps only the value; who muted and when go to the audit log, as with every mute.
    package func setMutedUntil(_ unixSeconds: Int64, by: String, at: Date) async throws {
        try await ssm.putParameter(name: parameterName, value: String(unixSeconds), type: "String", overwrite: true)
    }

    /// SSM holds no audit log and shares no transaction with one: this writes the value only.
    /// ``StorageWithMute`` (KlaxonApp) appends `audit` to the local store once this succeeds.
    package func setMutedUntil(_ unixSeconds: Int64, by: String, at: Date, audit: AuditEntry) async throws {
        try await setMutedUntil(unixSeconds, by: by, at: at)
    }
}
