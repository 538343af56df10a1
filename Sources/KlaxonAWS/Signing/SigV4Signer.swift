import Crypto
import Foundation

/// AWS Signature Version 4, header and query (presigned) forms.
///
/// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
/// and the aws-c-auth v4 test suite (copied into `Tests/KlaxonAWSTests/Fixtures/aws-c-auth-v4`).
/// The signer is a pure function of its inputs (the time is passed in), so it is tested step by
/// step against the suite: canonical request, string to sign, signature, signed request.
package struct SigV4Signer: Sendable {
    package static let algorithm = "AWS4-HMAC-SHA256"
    /// Headers never signed: proxies and clients rewrite them in flight.
    private static let unsignedHeaders: Set<String> = ["authorization", "user-agent", "x-amzn-trace-id", "expect", "connection", "transfer-encoding"]

    package var credentials: AWSCredentials
    package var region: String
    /// The signing name (`ssm`, `sqs`, `s3`, `execute-api`), not always the endpoint prefix.
    package var service: String
    package var options: SigningOptions

    package init(credentials: AWSCredentials, region: String, service: String, options: SigningOptions = .standard) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// Signs with an `Authorization` header.
    package func sign(_ request: SignableRequest, at date: Date) -> SigningResult {
        let stamp = AmzDate(date)
        var signed = request
        let payloadHash = options.payloadHash ?? Self.hexSHA256(request.body)
        signed.headers.removeAll { ["authorization", "x-amz-date", "x-amz-security-token"].contains($0.name.lowercased()) }
        if let token = credentials.sessionToken, !options.omitSessionToken {
            signed.headers.append(("X-Amz-Security-Token", token))
        }
        signed.headers.append(("X-Amz-Date", stamp.dateTime))
        if options.addContentSHA256Header, signed.header("x-amz-content-sha256") == nil {
            signed.headers.append(("x-amz-content-sha256", payloadHash))
        }
        let (headerBlock, signedHeaders) = self.canonicalHeaders(signed.headers)
        let canonical = [
            request.method, canonicalURI(request.path), canonicalQuery(request.query),
            headerBlock, signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let scope = credentialScope(stamp)
        let stringToSign = [Self.algorithm, stamp.dateTime, scope, Self.hexSHA256(Array(canonical.utf8))].joined(separator: "\n")
        let signature = sign(stringToSign, stamp: stamp)
        if let token = credentials.sessionToken, options.omitSessionToken {
            signed.headers.append(("X-Amz-Security-Token", token))
        }
        signed.headers.append((
            "Authorization",
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        ))
        return SigningResult(request: signed, canonicalRequest: canonical, stringToSign: stringToSign, signature: signature)
    }

    /// Signs in the query string (a presigned URL valid for `expires` seconds).
    package func presign(_ request: SignableRequest, at date: Date, expires: Int) -> SigningResult {
        let stamp = AmzDate(date)
        let scope = credentialScope(stamp)
        let (headerBlock, signedHeaders) = self.canonicalHeaders(request.headers)
        var added: [(String, String)] = [
            ("X-Amz-Algorithm", Self.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", stamp.dateTime),
            ("X-Amz-SignedHeaders", signedHeaders),
            ("X-Amz-Expires", String(expires)),
        ]
        if let token = credentials.sessionToken, !options.omitSessionToken {
            added.append(("X-Amz-Security-Token", token))
        }
        let addedQuery = URIEncoding.form(added)
        let queryToSign = request.query.isEmpty ? addedQuery : "\(request.query)&\(addedQuery)"
        let payloadHash = options.payloadHash ?? Self.hexSHA256(request.body)
        let canonical = [
            request.method, canonicalURI(request.path), canonicalQuery(queryToSign),
            headerBlock, signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let stringToSign = [Self.algorithm, stamp.dateTime, scope, Self.hexSHA256(Array(canonical.utf8))].joined(separator: "\n")
        let signature = sign(stringToSign, stamp: stamp)
        var tail: [(String, String)] = []
        if let token = credentials.sessionToken, options.omitSessionToken {
            tail.append(("X-Amz-Security-Token", token))
        }
        tail.append(("X-Amz-Signature", signature))
        var signed = request
        signed.query = "\(queryToSign)&\(URIEncoding.form(tail))"
        return SigningResult(request: signed, canonicalRequest: canonical, stringToSign: stringToSign, signature: signature)
    }

    // MARK: - Steps

    func credentialScope(_ stamp: AmzDate) -> String {
        "\(stamp.date)/\(region)/\(service)/aws4_request"
    }

    func canonicalURI(_ path: String) -> String {
        var path = path
        if options.normalizePath { path = Self.normalized(path) }
        return options.doubleURIEncode ? URIEncoding.encode(path, keepSlash: true) : path
    }

    /// Removes `.` and `..` segments and empty segments, keeping a trailing slash.
    static func normalized(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
        return "/" + segments.joined(separator: "/") + trailing
    }

    func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        var pairs: [(String, String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = URIEncoding.encode(URIEncoding.decode(parts[0]))
            let value = parts.count > 1 ? URIEncoding.encode(URIEncoding.decode(parts[1])) : ""
            pairs.append((name, value))
        }
        pairs.sort { $0.0 == $1.0 ? Array($0.1.utf8).lexicographicallyPrecedes($1.1.utf8) : Array($0.0.utf8).lexicographicallyPrecedes($1.0.utf8) }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Lower-cased names, values trimmed with inner runs of spaces collapsed, repeated names
    /// joined with commas, sorted by name.
    func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (canonical: String, signed: String) {
        var byName: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard !Self.unsignedHeaders.contains(name) else { continue }
            byName[name, default: []].append(Self.trimmed(header.value))
        }
        let names = byName.keys.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
        var canonical = ""
        for name in names {
            canonical += "\(name):\(byName[name]!.joined(separator: ","))\n"
        }
        return (canonical, names.joined(separator: ";"))
    }

    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    func sign(_ stringToSign: String, stamp: AmzDate) -> String {
        let key = Self.signingKey(secret: credentials.secretAccessKey, date: stamp.date, region: region, service: service)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return Self.hex(mac)
    }

    /// `kSigning` = HMAC chain over date, region, service and `aws4_request`, keyed by `AWS4<secret>`.
    static func signingKey(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        return key
    }

    static func hexSHA256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
