/// Who may mute, acknowledge and silence. Empty lists let everyone in the channel do it, as the
/// issue's interface says ("empty or absent: everyone in the channel").
package struct ChatPermissions: Sendable, Equatable {
    package var allowedUsers: Set<String>
    package var allowedRoles: Set<String>

    package init(allowedUsers: [String] = [], allowedRoles: [String] = []) {
        self.allowedUsers = Set(allowedUsers)
        self.allowedRoles = Set(allowedRoles)
    }

    package static let everyone = ChatPermissions()

    package func allows(_ actor: ChatActor) -> Bool {
        if allowedUsers.isEmpty && allowedRoles.isEmpty { return true }
        return allowedUsers.contains(actor.userID) || actor.roles.contains(where: allowedRoles.contains)
    }
}
