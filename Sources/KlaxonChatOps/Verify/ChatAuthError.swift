/// Why a chat request was refused before it was read. The edge answers 401 to every one of them
/// (Discord sends invalid signatures on purpose and expects exactly that); the reason is bounded,
/// safe as a log field or metric label, and never carries the request's bytes.
package struct ChatAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: String, Sendable, CaseIterable {
        case missingSignature = "missing_signature"
        case missingTimestamp = "missing_timestamp"
        case malformedSignature = "malformed_signature"
        case malformedTimestamp = "malformed_timestamp"
        case staleTimestamp = "stale_timestamp"
        case badSignature = "bad_signature"
        case notConfigured = "not_configured"
    }

    package let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    package var description: String {
        switch reason {
        case .missingSignature: return "the request carries no signature header"
        case .missingTimestamp: return "the request carries no timestamp header"
        case .malformedSignature: return "the signature header is not of the expected form"
        case .malformedTimestamp: return "the timestamp header is not unix seconds"
        case .staleTimestamp: return "the timestamp is more than 5 minutes away from now"
        case .badSignature: return "the signature does not verify"
        case .notConfigured: return "this chat platform is not configured"
        }
    }
}
