import AsyncHTTPClient
import Foundation
import KlaxonPipeline

/// How an HTTP answer maps to a delivery outcome, shared by every HTTP notifier.
package enum HTTPOutcome {
    package static func classify(status: Int, retryAfter: String?, now: Date) -> DeliveryOutcome {
        switch status {
        case 200..<300:
            return .ok
        case 429:
            return .retryable(after: retryAfter.flatMap { RetryAfter.parse($0, now: now) }, reason: "HTTP 429 rate limited")
        case 408, 425, 500..<600:
            return .retryable(after: retryAfter.flatMap { RetryAfter.parse($0, now: now) }, reason: "HTTP \(status)")
        default:
            return .permanent(reason: "HTTP \(status)")
        }
    }

    /// A description of a transport error that never includes the URL (it may hold a secret).
    package static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connect timeout"
            case .deadlineExceeded, .readTimeout, .writeTimeout: return "timed out"
            case .remoteConnectionClosed: return "connection closed by the destination"
            default: return "HTTP client error"
            }
        }
        let typeName = String(describing: type(of: error))
        if typeName.contains("Connect") { return "connection failed" }
        return "transport error (\(typeName))"
    }
}
