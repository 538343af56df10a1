/// The `mute:` section: how the global mute and silences treat notifications.
package struct MuteConfig: Sendable, Equatable {
    /// The parameter used when `ssm_parameter: true` is given.
    package static let defaultSSMParameter = "/klaxon/alerts/muted_until"

    /// A RESOLVED whose FIRING was delivered still goes out while muted, so nobody is left
    /// looking at an open incident that is over.
    package var notifyResolvedWhileMuted: Bool
    /// When set, the global mute lives in this SSM parameter (shared with other tools, such as
    /// the ops bot's `/encache/alerts/dlq_muted_until`) instead of the database.
    package var ssmParameter: String?

    package init(notifyResolvedWhileMuted: Bool = true, ssmParameter: String? = nil) {
        self.notifyResolvedWhileMuted = notifyResolvedWhileMuted
        self.ssmParameter = ssmParameter
    }
}
