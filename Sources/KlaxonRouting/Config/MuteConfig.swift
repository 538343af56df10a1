/// The `mute:` section: how the global mute and silences treat notifications.
package struct MuteConfig: Sendable, Equatable {
    /// A RESOLVED whose FIRING was delivered still goes out while muted, so nobody is left
    /// looking at an open incident that is over.
    package var notifyResolvedWhileMuted: Bool

    package init(notifyResolvedWhileMuted: Bool = true) {
        self.notifyResolvedWhileMuted = notifyResolvedWhileMuted
    }
}
