import Foundation
import KlaxonCore
import KlaxonPipeline
import Mustache

/// The named Mustache templates one receiver renders its messages from: the notifier's built-in
/// defaults with the receiver's overrides (`template:` in config) laid over them.
///
/// Any notifier can use it: it declares its parts and defaults, and renders a part with a
/// ``TemplateContext`` built from the delivery. Templates render text (no HTML escaping); the
/// notifier puts the text into its wire format, so JSON escaping and the platform's limits stay the
/// notifier's job and a template can never produce a malformed request.
/// Templates use [swift-mustache](https://github.com/hummingbird-project/swift-mustache).
package struct MessageTemplates: Sendable {
    /// Why a template could not be used.
    package struct Problem: Error, Sendable, CustomStringConvertible {
        package var part: String
        package var description: String
    }

    private let templates: [String: MustacheTemplate]

    /// Compiles `defaults` with `overrides` (part → Mustache source) replacing some of them. A part
    /// in `overrides` that is not in `defaults` is refused, as is text that does not parse.
    package init(defaults: [String: String], overrides: [String: String] = [:]) throws(Problem) {
        var compiled: [String: MustacheTemplate] = [:]
        for (part, text) in defaults.merging(overrides, uniquingKeysWith: { _, override in override }) {
            guard defaults[part] != nil else { throw Problem(part: part, description: "unknown template part \"\(part)\"") }
            do {
                compiled[part] = try MustacheTemplate(string: Self.textPragma + text)
            } catch {
                throw Problem(part: part, description: "template part \"\(part)\" does not parse")
            }
        }
        templates = compiled
    }

    /// Renders `part`; an unknown part renders as an empty string.
    package func render(_ part: String, _ context: TemplateContext) -> String {
        templates[part]?.render(context.values) ?? ""
    }

    /// Renders `part` and trims surrounding white space (templates are easier to write with
    /// line breaks around sections).
    package func renderTrimmed(_ part: String, _ context: TemplateContext) -> String {
        render(part, context).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every template renders plain text: the Mustache default escapes HTML, which no chat
    /// platform wants (it would turn `&` into `&amp;` in a Discord message).
    private static let textPragma = "{{%CONTENT_TYPE:TEXT}}"
}
