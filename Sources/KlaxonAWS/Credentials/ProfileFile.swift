import Foundation

/// The shared `config` / `credentials` file format: INI sections with `key = value` lines, and
/// indented sub-properties under a key with an empty value (`ssm =` / `  endpoint_url = …`).
///
/// Format: https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
package struct ProfileFile: Sendable, Equatable {
    /// One section: properties, and sub-properties by parent key.
    package struct Section: Sendable, Equatable {
        package var properties: [String: String] = [:]
        package var subProperties: [String: [String: String]] = [:]

        package subscript(key: String) -> String? {
            guard let value = properties[key.lowercased()], !value.isEmpty else { return nil }
            return value
        }
    }

    /// Sections by their full header text (`default`, `profile prod`, `services local`).
    package var sections: [String: Section]

    package init(sections: [String: Section] = [:]) { self.sections = sections }

    /// Parses the text; lines it cannot read are ignored, as the SDKs do.
    package init(parsing text: String) {
        var sections: [String: Section] = [:]
        var current: String?
        var parentKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") {
                guard let end = trimmed.firstIndex(of: "]") else { current = nil; continue }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<end]
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
                current = name
                parentKey = nil
                if sections[name] == nil { sections[name] = Section() }
                continue
            }
            guard let section = current, let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = Self.stripComment(trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            let indented = line.first == " " || line.first == "\t"
            if indented, let parent = parentKey {
                sections[section]?.subProperties[parent, default: [:]][key] = value
            } else {
                sections[section]?.properties[key] = value
                parentKey = value.isEmpty ? key : nil
            }
        }
        self.sections = sections
    }

    /// Reads a file; a missing file is an empty one.
    package static func load(path: String) throws -> ProfileFile {
        guard FileManager.default.fileExists(atPath: path) else { return ProfileFile() }
        do {
            return ProfileFile(parsing: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw AWSError.configuration("cannot read AWS profile file \(path): check its permissions")
        }
    }

    /// A profile from the config file: `[default]` or `[profile name]`.
    package func configProfile(_ name: String) -> Section? {
        if name == "default", let section = sections["default"] { return section }
        return sections["profile \(name)"]
    }

    /// A profile from the credentials file: `[name]`.
    package func credentialsProfile(_ name: String) -> Section? { sections[name] }

    /// A `[services name]` section.
    package func services(_ name: String) -> Section? { sections["services \(name)"] }

    private static func stripComment(_ value: String) -> String {
        for marker in [" #", " ;", "\t#", "\t;"] {
            if let range = value.range(of: marker) {
                return value[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            }
        }
        return value
    }
}
