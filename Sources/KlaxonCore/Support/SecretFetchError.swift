/// A secret given by ARN could not be had. It names the kind of ARN, the ARN and the config key
/// path, never any secret text; ``reason`` is a bounded word for logs and metrics.
package struct SecretFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: String, Sendable, Equatable {
        /// AWS says there is no such secret or parameter (or stage).
        case notFound = "not_found"
        /// AWS refused the call (credentials, IAM policy, KMS key).
        case accessDenied = "access_denied"
        /// AWS could not be reached or answered with an error worth retrying.
        case unavailable
        /// The secret has no string value (binary only), or its text is empty.
        case notText = "not_text"
        /// The ARN names a JSON key, and the secret is not a JSON object with that key as a string.
        case missingJSONKey = "missing_json_key"
        /// Nothing in this process can fetch ARNs (no `aws:` section).
        case noResolver = "no_resolver"
    }

    package let reason: Reason
    package let reference: SecretReference
    package let keyPath: String?

    package init(_ reason: Reason, reference: SecretReference, keyPath: String? = nil) {
        self.reason = reason
        self.reference = reference
        self.keyPath = keyPath
    }

    /// The same error, naming `keyPath` (kept when already set).
    package func at(_ keyPath: String?) -> SecretFetchError {
        SecretFetchError(reason, reference: reference, keyPath: self.keyPath ?? keyPath)
    }

    package var description: String {
        let place = keyPath.map { " for \($0)" } ?? ""
        return "cannot fetch the \(reference.kind.displayName) \(reference.arn)\(place): \(advice)"
    }

    private var advice: String {
        switch reason {
        case .notFound: return "it does not exist (check the ARN, its region and account)"
        case .accessDenied: return "AWS refused access (check the credentials, the IAM policy and the KMS key policy)"
        case .unavailable: return "AWS could not be reached or failed; it will be tried again"
        case .notText: return "it holds no text (a binary or empty secret)"
        case .missingJSONKey: return "its value is not a JSON object with the key \"\(reference.jsonKey ?? "")\" as a string"
        case .noResolver: return "AWS is not configured (add aws.region)"
        }
    }
}
