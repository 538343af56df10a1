import Foundation

/// An access key pair, with the session token and expiry of temporary credentials.
///
/// Its descriptions show the access key id only: the secret and the token never reach a log, an
/// error or test output through string interpolation.
package struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package var accessKeyID: String
    package var secretAccessKey: String
    package var sessionToken: String?
    /// When temporary credentials stop working; nil for long-lived keys.
    package var expiration: Date?
    /// Which link of the chain produced them (`environment`, `profile:default`, `container`, `imds`).
    package var source: String

    package init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil, source: String = "static") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken?.isEmpty == true ? nil : sessionToken
        self.expiration = expiration
        self.source = source
    }

    /// Whether they should be replaced: expired, or expiring within `margin` of `now`.
    package func needsRefresh(at now: Date, margin: TimeInterval) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }

    package var description: String {
        "AWSCredentials(\(accessKeyID), source: \(source)\(sessionToken == nil ? "" : ", temporary"), secret redacted)"
    }

    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["accessKeyID": accessKeyID, "source": source]) }
}
