/// A failed AWS call, as a value: a bounded `reason` for logs and metrics, the AWS error code
/// (`ParameterNotFound`, `ConditionalCheckFailedException`, `ThrottlingException`, …) when the
/// service answered, the HTTP status and request id, and a message saying what to do.
///
/// Never carries credentials: messages are built from service answers and configuration names,
/// not from keys or tokens.
package struct AWSError: Error, Sendable, CustomStringConvertible {
    package enum Reason: String, Sendable {
        /// The service answered with an error.
        case service
        /// No answer: connection refused or reset, timeout, TLS failure.
        case transport
        /// No credentials found, or a credentials source is broken.
        case credentials
        /// Region, profile or endpoint configuration is unusable.
        case configuration
        /// The service answered 2xx with something this client cannot read.
        case decoding
    }

    package var reason: Reason
    /// The AWS error code, for `.service`.
    package var code: String?
    package var message: String
    package var statusCode: Int?
    package var requestID: String?
    /// `ssm`, `sqs`, … and the operation, when known.
    package var service: String?
    package var operation: String?

    package init(reason: Reason, code: String? = nil, message: String, statusCode: Int? = nil, requestID: String? = nil, service: String? = nil, operation: String? = nil) {
        self.reason = reason
        self.code = code
        self.message = message
        self.statusCode = statusCode
        self.requestID = requestID
        self.service = service
        self.operation = operation
    }

    package static func credentials(_ message: String) -> AWSError { AWSError(reason: .credentials, message: message) }
    package static func configuration(_ message: String) -> AWSError { AWSError(reason: .configuration, message: message) }

    /// Throttling as the SDKs' standard retry mode lists it (and HTTP 429).
    package var isThrottling: Bool {
        if statusCode == 429 { return true }
        guard let code else { return false }
        return Self.throttlingCodes.contains(code)
    }

    /// Worth another attempt: throttling, transient codes, 5xx, or no answer at all.
    package var isRetryable: Bool {
        switch reason {
        case .transport: return true
        case .credentials, .configuration, .decoding: return false
        case .service:
            if isThrottling { return true }
            if let code, Self.transientCodes.contains(code) { return true }
            if let statusCode, [500, 502, 503, 504].contains(statusCode) { return true }
            return false
        }
    }

    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html (standard mode).
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable"]

    package var description: String {
        var text = [service, operation].compactMap { $0 }.joined(separator: " ")
        if text.isEmpty { text = "AWS" }
        text += " failed (\(reason.rawValue))"
        if let code { text += ": \(code)" }
        if let statusCode { text += " [HTTP \(statusCode)]" }
        text += " – \(message)"
        if let requestID { text += " (request id \(requestID))" }
        return text
    }
}
