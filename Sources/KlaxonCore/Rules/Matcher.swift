import Foundation
import Synchronization

/// Something matchers can look at: a name maps to zero or more values (an alert has several teams).
package protocol MatchSubject {
    func matchValues(for name: String) -> [String]
}

/// A label matcher as Alertmanager writes them: `name=value`, `name!=value`, `name=~regex`,
/// `name!~regex`. Regexes are anchored at both ends, as in Alertmanager.
///
/// For a name with several values (teams), a positive matcher matches when any value matches and
/// a negative one when no value matches the positive form. A missing name behaves as the empty
/// string, so `team!=x` matches an alert with no team.
package struct Matcher: Sendable, Hashable, Codable, CustomStringConvertible {
    package enum Operator: String, Sendable, Hashable, Codable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case regex = "=~"
        case notRegex = "!~"

        package var isNegative: Bool { self == .notEqual || self == .notRegex }
    }

    package enum ParseError: Error, Equatable, CustomStringConvertible {
        case noOperator(String)
        case emptyName(String)
        case badRegex(String, String)

        package var description: String {
            switch self {
            case .noOperator(let text): return "matcher \"\(text)\" has no operator (use =, !=, =~ or !~)"
            case .emptyName(let text): return "matcher \"\(text)\" has no label name"
            case .badRegex(let pattern, let why): return "regex \"\(pattern)\" does not compile: \(why)"
            }
        }
    }

    package let name: String
    package let op: Operator
    package let value: String
    /// The anchored regex, compiled once (matching runs for every alert against every route).
    private let compiled: CompiledRegex?

    package init(name: String, op: Operator, value: String) throws {
        self.name = name
        self.op = op
        self.value = value
        if op == .regex || op == .notRegex {
            do { compiled = CompiledRegex(try Regex("^(?:\(value))$")) } catch {
                throw ParseError.badRegex(value, "\(error)")
            }
        } else {
            compiled = nil
        }
    }

    package static func == (lhs: Matcher, rhs: Matcher) -> Bool {
        lhs.name == rhs.name && lhs.op == rhs.op && lhs.value == rhs.value
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(op)
        hasher.combine(value)
    }

    /// Parses `name=value`, `name!="quoted value"`, `name=~regex`, `name!~regex`.
    package init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        let candidates: [(String, Operator)] = [("=~", .regex), ("!~", .notRegex), ("!=", .notEqual), ("=", .equal)]
        var found: (Range<String.Index>, Operator)?
        for (token, op) in candidates {
            if let range = trimmed.range(of: token) {
                if found == nil || range.lowerBound < found!.0.lowerBound { found = (range, op) }
            }
        }
        guard let (range, op) = found else { throw ParseError.noOperator(text) }
        let name = trimmed[..<range.lowerBound].trimmingWhitespace()
        guard !name.isEmpty else { throw ParseError.emptyName(text) }
        var value = trimmed[range.upperBound...].trimmingWhitespace()
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            value = String(value.dropFirst().dropLast())
        }
        try self.init(name: name, op: op, value: value)
    }

    package var description: String {
        let needsQuotes = value.contains(where: { $0 == " " || $0 == "," || $0 == "\"" })
        return "\(name)\(op.rawValue)\(needsQuotes ? "\"\(value)\"" : value)"
    }

    private func positiveMatch(_ candidate: String) -> Bool {
        switch op {
        case .equal, .notEqual:
            return candidate == value
        case .regex, .notRegex:
            return compiled?.matches(candidate) ?? false
        }
    }

    package func matches(_ subject: some MatchSubject) -> Bool {
        var values = subject.matchValues(for: name)
        if values.isEmpty { values = [""] }
        let any = values.contains(where: positiveMatch)
        return op.isNegative ? !any : any
    }

    enum CodingKeys: String, CodingKey { case name, op, value }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(op, forKey: .op)
        try c.encode(value, forKey: .value)
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: try c.decode(String.self, forKey: .name),
            op: try c.decode(Operator.self, forKey: .op),
            value: try c.decode(String.self, forKey: .value)
        )
    }
}

extension Array where Element == Matcher {
    /// All matchers match (an empty list matches everything).
    package func allMatch(_ subject: some MatchSubject) -> Bool {
        allSatisfy { $0.matches(subject) }
    }
}

/// What routing and silences see of an alert: `source`, `priority`, `severity`, `state`, `team`
/// (one value per team), `title`, `fingerprint`, `environment`, `resource`, and every label.
package struct AlertMatchSubject: MatchSubject, Sendable {
    package let alert: AlertEvent
    package let fingerprint: String

    package init(alert: AlertEvent, fingerprint: String) {
        self.alert = alert
        self.fingerprint = fingerprint
    }

    package func matchValues(for name: String) -> [String] {
        switch name {
        case "source": return [alert.source]
        case "priority": return [alert.priority.rawValue]
        case "severity": return [alert.priority.severity.rawValue]
        case "state": return [alert.state.rawValue]
        case "team", "teams": return alert.teams
        case "title", "alertname" where alert.labels?["alertname"] == nil: return [alert.title]
        case "fingerprint": return [fingerprint]
        case "environment" where alert.environment != nil: return [alert.environment!]
        case "resource" where alert.resource?.id != nil: return [alert.resource!.id!]
        default:
            if let value = alert.labels?[name] { return [value] }
            return []
        }
    }
}

/// A compiled regex shared between copies of a matcher. `Regex` lowers its program lazily into
/// shared storage without synchronisation, so concurrent first matches race (seen as a crash in
/// the test suite); a lock makes it safe. Matching runs on the processor's single task, so the
/// lock is uncontended in practice.
private final class CompiledRegex: Sendable {
    private let regex: Mutex<Regex<AnyRegexOutput>>
    init(_ regex: sending Regex<AnyRegexOutput>) { self.regex = Mutex(regex) }

    func matches(_ candidate: String) -> Bool {
        regex.withLock { candidate.wholeMatch(of: $0) != nil }
    }
}
