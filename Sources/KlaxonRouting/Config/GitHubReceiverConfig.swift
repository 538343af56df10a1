import KlaxonCore

/// A `github:` receiver: each occurrence of an alert becomes a GitHub issue in `repo`.
///
/// ```yaml
/// github:
///   api_url: https://api.github.com      # overridable for a stand-in or GitHub Enterprise
///   repo: owner/name
///   token_env: GITHUB_TOKEN              # a fine-grained personal access token, or:
///   # app_id: 12345
///   # installation_id: 678
///   # private_key_file: /etc/klaxon/app.pem
///   comment_interval: 10m                # at most one recurrence comment per issue per interval
///   webhook_secret_env: GITHUB_WEBHOOK_SECRET   # checks POST /webhooks/github
///   template:                            # optional overrides of title, body, comment, closing
///     body_file: /etc/klaxon/github-body.mustache
/// ```
package struct GitHubReceiverConfig: Sendable, Equatable {
    package static let kindName = "github"
    package static let defaultAPIURL = "https://api.github.com"
    package static let defaultCommentInterval: Duration = .seconds(600)
    package static let defaultTimeout: Duration = .seconds(10)
    /// The parts a `template:` mapping may override (the notifier's `GitHubTemplates`).
    package static let templateParts = ["title", "body", "comment", "closing"]

    /// How Klaxon authenticates to GitHub.
    package enum Auth: Sendable, Equatable {
        /// A fine-grained personal access token (or any token GitHub accepts as `Bearer`).
        case token(Secret)
        /// A GitHub App installation: an RS256 JWT signed with the app's private key (PEM) buys
        /// installation access tokens.
        case app(appId: String, installationId: String, privateKey: Secret)
    }

    /// The REST API base URL, without a trailing slash.
    package var apiURL: String
    /// `owner/name`.
    package var repo: String
    package var auth: Auth
    package var commentInterval: Duration
    /// The secret GitHub signs webhook deliveries with (`X-Hub-Signature-256`); nil: the inbound
    /// webhook is refused for this receiver.
    package var webhookSecret: Secret?
    package var timeout: Duration
    package var template: TemplateOverrides

    package init(
        apiURL: String = GitHubReceiverConfig.defaultAPIURL, repo: String, auth: Auth,
        commentInterval: Duration = GitHubReceiverConfig.defaultCommentInterval, webhookSecret: Secret? = nil,
        timeout: Duration = GitHubReceiverConfig.defaultTimeout, template: TemplateOverrides = TemplateOverrides()
    ) {
        self.apiURL = apiURL
        self.repo = repo
        self.auth = auth
        self.commentInterval = commentInterval
        self.webhookSecret = webhookSecret
        self.timeout = timeout
        self.template = template
    }
}
