/// A key path into the configuration, printed the way issues name it: `receivers[1].webhook.url`.
struct ConfigPath: Sendable, Equatable, CustomStringConvertible {
    let description: String

    static let root = ConfigPath(description: "")

    /// The path of `key` inside this mapping.
    func key(_ key: String) -> ConfigPath {
        ConfigPath(description: description.isEmpty ? key : "\(description).\(key)")
    }

    /// The path of element `index` of this list.
    func index(_ index: Int) -> ConfigPath {
        ConfigPath(description: "\(description)[\(index)]")
    }
}
