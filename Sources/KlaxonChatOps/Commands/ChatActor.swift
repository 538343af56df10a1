/// Who sent a command: the platform's user id (what allow-lists hold), a display name for
/// replies and the audit log, and on Discord the member's role ids.
package struct ChatActor: Sendable, Equatable {
    package enum Platform: String, Sendable {
        case discord, slack
    }

    package var platform: Platform
    package var userID: String
    package var name: String?
    package var roles: [String]

    package init(platform: Platform, userID: String, name: String? = nil, roles: [String] = []) {
        self.platform = platform
        self.userID = userID
        self.name = name
        self.roles = roles
    }

    /// How the audit log and the mute store name this person: `discord:<id>` (name).
    package var auditName: String {
        let base = "\(platform.rawValue):\(userID)"
        guard let name, !name.isEmpty else { return base }
        return "\(base) (\(name))"
    }
}
