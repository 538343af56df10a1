/// Per-receiver replacements for a notifier's built-in message templates.
///
/// Each notifier renders its messages from named template parts (Discord: `content`, `title`,
/// `description`, `resolution`; Slack: `text`, `title`, `body`; Teams: `title`, `body`,
/// `approval_url`; GitHub: `title`, `body`, `comment`, `closing`). A receiver's
/// `template:` mapping replaces some of them, each given inline (`title: "…"`) or from a file
/// (`title_file: path`). The text is Mustache (hummingbird-project/swift-mustache), checked to parse
/// when the configuration is loaded; parts not given keep the built-in default.
package struct TemplateOverrides: Sendable, Equatable {
    /// Part name → Mustache source.
    package var parts: [String: String]

    package init(_ parts: [String: String] = [:]) {
        self.parts = parts
    }

    package var isEmpty: Bool { parts.isEmpty }
}
