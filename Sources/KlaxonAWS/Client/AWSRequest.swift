/// One HTTP exchange with an AWS service, before signing, relative to the service endpoint.
package struct AWSRequest: Sendable {
    package var method: String
    /// Percent-encoded path (`/bucket/my%20key`), appended to the endpoint's own path.
    package var path: String
    /// Query pairs, unencoded; the client encodes them the SigV4 way.
    package var query: [(String, String)]
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(method: String = "POST", path: String = "/", query: [(String, String)] = [], headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// A service's answer: status, headers, and the whole body.
package struct AWSResponse: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    package func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The request id AWS gives every answer (the header names vary by protocol).
    package var requestID: String? {
        header("x-amzn-RequestId") ?? header("x-amz-request-id") ?? header("x-amz-id-2")
    }
}
