/// An HTTP request as SigV4 sees it: the path and query exactly as they go on the wire, the
/// headers in order, and the body (or a precomputed payload hash).
///
/// The signer adds its own headers (`X-Amz-Date`, `X-Amz-Security-Token`, `x-amz-content-sha256`,
/// `Authorization`) or query parameters (the presigned form) to a copy and returns it.
package struct SignableRequest: Sendable, Equatable {
    package var method: String
    /// The path as sent, percent-encoded where the caller encoded it (`/my%20key`), never empty.
    package var path: String
    /// The raw query string without `?`, or empty.
    package var query: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(method: String, path: String, query: String = "", headers: [(name: String, value: String)], body: [UInt8] = []) {
        self.method = method
        self.path = path.isEmpty ? "/" : path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, compared case-insensitively.
    package func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Path plus `?query` when there is one.
    package var target: String { query.isEmpty ? path : "\(path)?\(query)" }

    package static func == (lhs: SignableRequest, rhs: SignableRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.query == rhs.query && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }
}
