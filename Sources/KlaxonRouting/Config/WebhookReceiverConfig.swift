import KlaxonCore

/// A `webhook:` receiver: each notification is POSTed as JSON to `url`.
///
/// The URL is a ``Secret`` because webhook URLs often carry a token. With an HMAC secret the body
/// is signed and the signature sent as `X-Klaxon-Signature: sha256=<hex>`.
package struct WebhookReceiverConfig: Sendable, Equatable {
    package static let kindName = "webhook"
    package static let defaultTimeout: Duration = .seconds(10)

    /// An http(s) URL.
    package var url: Secret
    /// The HMAC-SHA256 key for `X-Klaxon-Signature`; nil sends no signature.
    package var hmacSecret: Secret?
    /// How long one request may take before it counts as a retryable failure.
    package var timeout: Duration
    /// Extra headers sent with every request.
    package var headers: [String: String]

    package init(url: Secret, hmacSecret: Secret? = nil, timeout: Duration = WebhookReceiverConfig.defaultTimeout, headers: [String: String] = [:]) {
        self.url = url
        self.hmacSecret = hmacSecret
        self.timeout = timeout
        self.headers = headers
    }
}
