// The chat notifiers hold their webhook URL or bot token as a plain string (they send it). So that
// printing one — `"\(notifier)"`, `dump`, a debugger's description — can never show it, each
// describes and reflects itself by its receiver name only.

extension DiscordNotifier: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package var description: String { "DiscordNotifier(\(name))" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["name": name], displayStyle: .struct) }
}

extension SlackNotifier: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package var description: String { "SlackNotifier(\(name))" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["name": name], displayStyle: .struct) }
}

extension TeamsNotifier: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package var description: String { "TeamsNotifier(\(name))" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["name": name], displayStyle: .struct) }
}
