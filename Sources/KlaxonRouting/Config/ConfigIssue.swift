/// One problem found in a configuration: where (`path`, like `receivers[1].webhook.url`) and what
/// (`message`, like `not an http(s) URL`). Never carries a secret's value.
package struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    /// The key path of the offending value; empty for problems with the document itself (YAML
    /// syntax errors), which carry a line and column instead.
    package var path: String
    /// What is wrong and, where it helps, what is expected.
    package var message: String
    /// 1-based line of the offending node in the YAML text, when known.
    package var line: Int?
    /// 1-based column of the offending node in the YAML text, when known.
    package var column: Int?

    package init(path: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }

    /// `path: message (line L, column C)`, or `line L, column C: message` for document problems.
    package var description: String {
        let location = line.map { line in column.map { "line \(line), column \($0)" } ?? "line \(line)" }
        if path.isEmpty {
            return location.map { "\($0): \(message)" } ?? message
        }
        return "\(path): \(message)" + (location.map { " (\($0))" } ?? "")
    }
}
