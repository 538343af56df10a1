import KlaxonCore

/// A `teams:` receiver: an Adaptive Card posted to a Teams incoming webhook or a Power Automate
/// Workflows URL (both take the `{"type":"message","attachments":[…]}` envelope).
package struct TeamsReceiverConfig: Sendable, Equatable {
    package static let kindName = "teams"
    package static let defaultTimeout: Duration = .seconds(10)
    /// The template parts a Teams receiver renders (`approval_url` is a template too).
    package static let templateParts = ["title", "body", "approval_url"]

    /// The webhook or Workflows URL (a secret: it carries a signature).
    package var webhookURL: Secret
    package var timeout: Duration
    package var template: TemplateOverrides

    package init(webhookURL: Secret, timeout: Duration = TeamsReceiverConfig.defaultTimeout, template: TemplateOverrides = TemplateOverrides()) {
        self.webhookURL = webhookURL
        self.timeout = timeout
        self.template = template
    }
}
