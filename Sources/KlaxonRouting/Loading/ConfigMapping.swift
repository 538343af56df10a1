import Yams

/// A YAML mapping whose keys have been checked against the allowed ones, with the path it sits at.
struct ConfigMapping {
    let path: ConfigPath
    let node: Node
    /// Keys in document order, with their value nodes (unknown keys already reported and dropped).
    let entries: [(key: String, value: Node)]

    subscript(key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    func path(_ key: String) -> ConfigPath { path.key(key) }
}
