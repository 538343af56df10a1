/// A configuration that cannot be used, with every problem found in it (not just the first), so an
/// operator can fix them all in one go. Thrown at start-up by ``ConfigLoader/load(yaml:environment:readFile:)``.
package struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in the order they were found.
    package var issues: [ConfigIssue]

    package init(issues: [ConfigIssue]) {
        self.issues = issues
    }

    /// A stable reason for logs and metrics.
    package var reason: String { "invalid_config" }

    /// A header line, then one problem per line.
    package var description: String {
        let noun = issues.count == 1 ? "problem" : "problems"
        return (["invalid configuration (\(issues.count) \(noun)):"] + issues.map { "  \($0)" })
            .joined(separator: "\n")
    }
}
