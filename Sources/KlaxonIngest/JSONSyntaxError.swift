/// Where and why a body is not valid JSON (RFC 8259).
///
/// `offset` is the 0-based byte offset of the offending byte; `line` and `column` are 1-based
/// (column counted in bytes), so a 400 response can say exactly where to look.
package struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    package var offset: Int
    package var line: Int
    package var column: Int
    /// What was wrong, phrased as what was expected (`expected ',' or '}' after an object member`).
    package var message: String

    package init(offset: Int, line: Int, column: Int, message: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.message = message
    }

    package var description: String { "line \(line), column \(column) (byte \(offset)): \(message)" }
}
