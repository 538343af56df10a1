import Foundation
import Testing
@testable import KlaxonAWS

/// One case of the aws-c-auth v4 suite (Fixtures/aws-c-auth-v4/<name>/).
struct SigV4Case: Sendable, CustomTestStringConvertible {
    struct Context: Decodable {
        struct Credentials: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var token: String?
        }

        var credentials: Credentials
        var expiration_in_seconds: Int
        var normalize: Bool
        var region: String
        var service: String
        var sign_body: Bool
        var timestamp: String
        var omit_session_token: Bool?
    }

    static let root: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("aws-c-auth-v4")

    static var all: [SigV4Case] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().map(SigV4Case.init)
    }

    let name: String
    var testDescription: String { name }

    func text(_ file: String) throws -> String {
        try String(decoding: Data(contentsOf: Self.root.appendingPathComponent(name).appendingPathComponent(file)), as: UTF8.self)
    }

    func context() throws -> Context {
        try JSONDecoder().decode(Context.self, from: Data(contentsOf: Self.root.appendingPathComponent(name).appendingPathComponent("context.json")))
    }

    /// request.txt: `METHOD target HTTP/1.1`, `Name:value` lines, a blank line, the body.
    static func parseRequest(_ text: String) -> SignableRequest {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        let method = String(requestLine[0])
        let target = requestLine[1..<(requestLine.count - 1)].joined(separator: " ")
        var headers: [(name: String, value: String)] = []
        var bodyLines: [String] = []
        var inBody = false
        for line in lines {
            if inBody { bodyLines.append(line); continue }
            if line.isEmpty { inBody = true; continue }
            let colon = line.firstIndex(of: ":")!
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return SignableRequest(
            method: method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "",
            headers: headers, body: Array(bodyLines.joined(separator: "\n").utf8)
        )
    }

    func signer() throws -> (SigV4Signer, Date) {
        let context = try context()
        let credentials = AWSCredentials(accessKeyID: context.credentials.access_key_id, secretAccessKey: context.credentials.secret_access_key, sessionToken: context.credentials.token)
        let options = SigningOptions(
            doubleURIEncode: true, normalizePath: context.normalize,
            addContentSHA256Header: context.sign_body, omitSessionToken: context.omit_session_token ?? false
        )
        let date = try #require(ISO8601DateFormatter().date(from: context.timestamp))
        return (SigV4Signer(credentials: credentials, region: context.region, service: context.service, options: options), date)
    }
}

/// Every case of the aws-c-auth v4 signing suite, header and query forms. None is skipped: all
/// thirteen use options this signer supports (normalize, sign_body, omit_session_token).
@Suite struct SigV4SuiteTests {
    @Test func theSuiteIsThere() {
        #expect(SigV4Case.all.count == 13)
    }

    @Test(arguments: SigV4Case.all)
    func headerForm(_ testCase: SigV4Case) throws {
        let (signer, date) = try testCase.signer()
        let request = SigV4Case.parseRequest(try testCase.text("request.txt"))
        let result = signer.sign(request, at: date)
        #expect(result.canonicalRequest == (try testCase.text("header-canonical-request.txt")))
        #expect(result.stringToSign == (try testCase.text("header-string-to-sign.txt")))
        #expect(result.signature == (try testCase.text("header-signature.txt")))

        let expected = SigV4Case.parseRequest(try testCase.text("header-signed-request.txt"))
        #expect(result.request.method == expected.method)
        #expect(result.request.target == expected.target)
        #expect(Self.sorted(result.request.headers) == Self.sorted(expected.headers))
        #expect(result.request.body == expected.body)
    }

    @Test(arguments: SigV4Case.all)
    func queryForm(_ testCase: SigV4Case) throws {
        let (signer, date) = try testCase.signer()
        let context = try testCase.context()
        let request = SigV4Case.parseRequest(try testCase.text("request.txt"))
        let result = signer.presign(request, at: date, expires: context.expiration_in_seconds)
        #expect(result.canonicalRequest == (try testCase.text("query-canonical-request.txt")))
        #expect(result.stringToSign == (try testCase.text("query-string-to-sign.txt")))
        #expect(result.signature == (try testCase.text("query-signature.txt")))

        let expected = SigV4Case.parseRequest(try testCase.text("query-signed-request.txt"))
        #expect(result.request.target == expected.target)
        #expect(Self.sorted(result.request.headers) == Self.sorted(expected.headers))
    }

    /// Header names compared case-insensitively, values exactly, order ignored.
    static func sorted(_ headers: [(name: String, value: String)]) -> [String] {
        headers.map { "\($0.name.lowercased()):\($0.value)" }.sorted()
    }

    @Test func credentialsNeverShowTheSecret() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "tok-secret")
        for text in ["\(credentials)", String(reflecting: credentials), "\(Mirror(reflecting: credentials).children.map { "\($0.value)" })"] {
            #expect(!text.contains("wJalrXUtnFEMI"))
            #expect(!text.contains("tok-secret"))
        }
    }

    @Test(arguments: [
        ("/a/./b/../c", "/a/c"), ("//a//b/", "/a/b/"), ("/", "/"), ("/..", "/"), ("/a/b", "/a/b"),
    ])
    func pathNormalization(_ input: String, _ expected: String) {
        #expect(SigV4Signer.normalized(input) == expected)
    }
}
