import Foundation
import Yams

/// Walks the YAML node tree, converting values and collecting every problem with its key path.
///
/// Each accessor returns nil when the value is absent or unusable, having reported why; callers
/// then fall back to a default and carry on, so one run finds all problems. Messages never include
/// the value of a secret.
final class ConfigReader {
    private(set) var issues: [ConfigIssue] = []
    /// Where secrets given by ARN were read (they need `aws.region`).
    var secretReferences: [(path: ConfigPath, node: Node?)] = []
    let environment: [String: String]
    let readFile: (String) throws -> String

    init(environment: [String: String], readFile: @escaping (String) throws -> String) {
        self.environment = environment
        self.readFile = readFile
    }

    // MARK: Reporting

    func report(_ path: ConfigPath, _ message: String, at node: Node? = nil) {
        let mark = node?.mark
        issues.append(ConfigIssue(path: path.description, message: message, line: mark?.line, column: mark?.column))
    }

    /// How a node is described in a type mismatch ("got a list").
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar: return node.null != nil ? "nothing (null)" : "a single value"
        }
    }

    // MARK: Structure

    /// The node as a mapping with only `allowed` keys; others are reported as `path.key: unknown key`.
    /// A null node (a key with nothing after it) reads as an empty mapping.
    func mapping(_ node: Node, at path: ConfigPath, allowed: [String]) -> ConfigMapping? {
        if node.null != nil { return ConfigMapping(path: path, node: node, entries: []) }
        guard case .mapping(let mapping) = node else {
            report(path, "expected a mapping, got \(Self.describe(node))", at: node)
            return nil
        }
        var entries: [(key: String, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(path, "keys must be plain strings, got \(Self.describe(keyNode))", at: keyNode)
                continue
            }
            let key = scalar.string
            guard allowed.contains(key) else {
                report(path.key(key), "unknown key", at: keyNode)
                continue
            }
            entries.append((key, value))
        }
        return ConfigMapping(path: path, node: node, entries: entries)
    }

    /// The node as a list of nodes.
    func list(_ node: Node, at path: ConfigPath) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(path, "expected a list, got \(Self.describe(node))", at: node)
            return nil
        }
        return Array(sequence)
    }

    // MARK: Scalars

    /// Text of a scalar node; null and non-scalars are reported.
    func string(_ node: Node, at path: ConfigPath) -> String? {
        guard case .scalar(let scalar) = node, node.null == nil else {
            report(path, "expected a string, got \(Self.describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    func string(_ mapping: ConfigMapping, _ key: String) -> String? {
        mapping[key].flatMap { string($0, at: mapping.path(key)) }
    }

    /// A non-empty string (after trimming).
    func nonEmptyString(_ mapping: ConfigMapping, _ key: String) -> String? {
        guard let node = mapping[key], let text = string(node, at: mapping.path(key)) else { return nil }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            report(mapping.path(key), "must not be empty", at: node)
            return nil
        }
        return text
    }

    func int(_ mapping: ConfigMapping, _ key: String, minimum: Int) -> Int? {
        guard let node = mapping[key], let text = string(node, at: mapping.path(key)) else { return nil }
        guard let value = node.int else {
            report(mapping.path(key), "expected an integer, got \"\(text)\"", at: node)
            return nil
        }
        guard value >= minimum else {
            report(mapping.path(key), minimum == 1 ? "must be greater than zero" : "must be at least \(minimum)", at: node)
            return nil
        }
        return value
    }

    func bool(_ mapping: ConfigMapping, _ key: String) -> Bool? {
        guard let node = mapping[key], let text = string(node, at: mapping.path(key)) else { return nil }
        guard let value = node.bool else {
            report(mapping.path(key), "expected true or false, got \"\(text)\"", at: node)
            return nil
        }
        return value
    }

    /// A positive duration: `10s`, `5m`, `1h`, `2d`, `1h30m`, `250ms`, or a number of seconds
    /// (`0` too where `allowZero` says so).
    func duration(_ mapping: ConfigMapping, _ key: String, allowZero: Bool = false) -> Duration? {
        guard let node = mapping[key], let text = string(node, at: mapping.path(key)) else { return nil }
        guard let value = Duration(configText: text) else {
            report(mapping.path(key), "expected a duration like 10s, 5m, 1h or 2d, got \"\(text)\"", at: node)
            return nil
        }
        guard value > .zero || (allowZero && value == .zero) else {
            report(mapping.path(key), allowZero ? "must not be negative" : "must be greater than zero", at: node)
            return nil
        }
        return value
    }

    /// A send rate: `5/2s`, `80/1m` or `off`.
    func rateLimit(_ mapping: ConfigMapping, _ key: String) -> RateLimitSetting? {
        guard let node = mapping[key], let text = string(node, at: mapping.path(key)) else { return nil }
        guard let value = RateLimitSetting(configText: text) else {
            report(mapping.path(key), "expected requests per duration like 5/2s or 80/1m, or off, got \"\(text)\"", at: node)
            return nil
        }
        return value
    }

    /// One of a fixed set of words: `expected normal|full, got "fast"`.
    func choice<Value: RawRepresentable & CaseIterable>(_ mapping: ConfigMapping, _ key: String, as: Value.Type) -> Value?
    where Value.RawValue == String {
        choice(mapping, key, options: Array(Value.allCases))
    }

    /// One of `options`, by raw value.
    func choice<Value: RawRepresentable>(_ mapping: ConfigMapping, _ key: String, options: [Value]) -> Value?
    where Value.RawValue == String {
        guard let node = mapping[key], let text = string(node, at: mapping.path(key)) else { return nil }
        if let value = options.first(where: { $0.rawValue == text }) { return value }
        let expected = options.map(\.rawValue).joined(separator: "|")
        report(mapping.path(key), "expected \(expected), got \"\(text)\"", at: node)
        return nil
    }

    /// A list of strings; with `nonEmpty`, the list and each string must be non-empty.
    func stringList(_ mapping: ConfigMapping, _ key: String, nonEmpty: Bool) -> [String]? {
        guard let node = mapping[key] else { return nil }
        return stringList(node, at: mapping.path(key), nonEmpty: nonEmpty)
    }

    func stringList(_ node: Node, at path: ConfigPath, nonEmpty: Bool) -> [String]? {
        guard let items = list(node, at: path) else { return nil }
        if nonEmpty && items.isEmpty {
            report(path, "must not be empty", at: node)
            return nil
        }
        var values: [String] = []
        var valid = true
        for (index, item) in items.enumerated() {
            guard let text = string(item, at: path.index(index)) else { valid = false; continue }
            if nonEmpty && text.trimmingCharacters(in: .whitespaces).isEmpty {
                report(path.index(index), "must not be empty", at: item)
                valid = false
                continue
            }
            values.append(text)
        }
        return valid ? values : nil
    }
}
