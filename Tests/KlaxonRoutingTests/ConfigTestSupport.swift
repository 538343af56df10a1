import Foundation
import KlaxonCore
@testable import KlaxonRouting

/// Loads YAML with an in-memory environment and file system.
func loadConfig(
    _ yaml: String, environment: [String: String] = [:], files: [String: String] = [:]
) throws(ConfigError) -> KlaxonConfig {
    try ConfigLoader.load(yaml: yaml, environment: environment) { path in
        guard let contents = files[path] else { throw MissingFile() }
        return contents
    }
}

/// The issues a YAML produces, as `path: message` pairs; empty when it loads.
func configIssues(_ yaml: String, environment: [String: String] = [:], files: [String: String] = [:]) -> [ConfigIssue] {
    do {
        _ = try loadConfig(yaml, environment: environment, files: files)
        return []
    } catch {
        return error.issues
    }
}

/// `path: message` of each issue, without line numbers, for exact comparisons.
func pathsAndMessages(_ issues: [ConfigIssue]) -> [String] {
    issues.map { "\($0.path): \($0.message)" }
}

struct MissingFile: Error {}

/// A subject with fixed label values, for router and silence tests.
struct LabelSubject: MatchSubject {
    var labels: [String: [String]]

    init(_ labels: [String: [String]]) { self.labels = labels }

    func matchValues(for name: String) -> [String] { labels[name] ?? [] }
}

/// A config body with one valid receiver and route, to which a test prepends the section under test.
let validTail = """
receivers:
  - name: hook
    webhook:
      url: http://127.0.0.1:9999/hook
routes:
  - receivers: [hook]
"""
