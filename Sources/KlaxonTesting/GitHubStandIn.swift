import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import Synchronization
import _CryptoExtras

/// A local stand-in for the GitHub REST API: real HTTP on 127.0.0.1 that records every request,
/// checks it against GitHub's documented shape, keeps issues and comments, issues installation
/// tokens, and misbehaves on request (429 / 403 rate limits, 500, slow answers, no answer).
///
/// The checks (each failure is answered as GitHub would and kept in ``violations``):
/// - `Authorization: Bearer <t>` or `token <t>` with a known token (a configured personal token
///   or an unexpired installation token it issued); `Accept` of `application/vnd.github+json` (or
///   the older `application/vnd.github.v3+json`); a `User-Agent` (GitHub refuses requests without).
/// - `POST /app/installations/{id}/access_tokens`: a JWT whose RS256 signature verifies with the
///   app's public key, `iss` the app id, `iat` not in the future, `exp` after now and at most
///   10 minutes ahead (GitHub's JWT rules).
/// - `POST /repos/{o}/{r}/issues`: JSON with a non-empty `title` of at most 256 characters, an
///   optional `body` of at most 65,536, `labels` a list of strings; only fields GitHub documents.
///   Shapes follow octokit/fixtures' recorded create-issue exchange.
/// - `POST …/issues/{n}/comments`: a `body` of 1–65,536 characters on an existing issue.
/// - `PATCH …/issues/{n}`: `state` open|closed, `state_reason` completed|not_planned|reopened.
package final class GitHubStandIn: Sendable {
    package struct Recorded: Sendable {
        package var method: String
        package var path: String
        package var headers: [String: String]
        package var body: Data
        package var at: Date
    }

    package struct Issue: Sendable, Equatable {
        package var number: Int
        package var title: String
        package var body: String
        package var labels: [String]
        package var state: String
        package var stateReason: String?
        package var comments: [String]
    }

    /// A misbehaviour for one upcoming request.
    package enum Fault: Sendable {
        /// 429 with `retry-after: <seconds>`.
        case tooManyRequests(retryAfter: Int)
        /// 403 secondary rate limit with `x-ratelimit-remaining: 0` and `x-ratelimit-reset` this
        /// many seconds ahead.
        case rateLimited(resetIn: Int)
        case serverError
        /// Answer normally, after this long.
        case slow(Duration)
        /// Never answer (the client times out).
        case noAnswer
    }

    package struct App: Sendable {
        package var appId: String
        package var installationId: String
        package var publicKey: _RSA.Signing.PublicKey

        package init(appId: String, installationId: String, publicKey: _RSA.Signing.PublicKey) {
            self.appId = appId
            self.installationId = installationId
            self.publicKey = publicKey
        }

        /// The app whose key is the private key `pem` (the stand-in keeps only its public half).
        package init(appId: String, installationId: String, privateKeyPEM pem: String) throws {
            self.init(appId: appId, installationId: installationId, publicKey: try _RSA.Signing.PrivateKey(pemRepresentation: pem).publicKey)
        }
    }

    struct State {
        var requests: [Recorded] = []
        var violations: [String] = []
        var issues: [Int: Issue] = [:]
        var tokens: [String: Date] = [:]
        var issued = 0
        var faults: [Fault] = []
    }

    let state = Mutex(State())
    let repo: String
    let personalToken: String?
    let app: App?
    let now: @Sendable () -> Date
    private let server = LoopbackServer()

    /// - Parameters: `repo` is `owner/name`; a personal token and/or an app are accepted.
    package init(repo: String, personalToken: String? = nil, app: App? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.repo = repo
        self.personalToken = personalToken
        self.app = app
        self.now = now
    }

    package var port: Int { server.port }
    package var url: String { "http://127.0.0.1:\(port)" }
    package var requests: [Recorded] { state.withLock { $0.requests } }
    package var violations: [String] { state.withLock { $0.violations } }
    package var issues: [Issue] { state.withLock { $0.issues.values.sorted { $0.number < $1.number } } }
    /// Installation tokens issued so far.
    package var issuedTokens: Int { state.withLock { $0.issued } }

    /// Misbehaviours for the next requests to `/repos/…`, in order.
    package func script(_ faults: [Fault]) {
        state.withLock { $0.faults = faults }
    }

    /// Starts listening (on `port`, or a free one) and returns once it accepts connections.
    package func start(port: Int = 0) async throws {
        let router = Router()
        router.on("**", method: .post) { request, _ in try await self.serve(request) }
        router.on("**", method: .patch) { request, _ in try await self.serve(request) }
        router.on("**", method: .get) { request, _ in try await self.serve(request) }
        await server.start(router, port: port, label: "github-stand-in")
    }

    /// Stops listening: connections are refused until ``start(port:)`` is called with the same port.
    package func stop() async {
        await server.stopAndWait()
    }

    private func serve(_ request: Request) async throws -> Response {
        var request = request
        let body = Data(buffer: try await request.collectBody(upTo: 4 * 1024 * 1024))
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let path = request.uri.path
        let method = request.method.rawValue
        // Faults hit only authorized repository requests, so a test's script is not used up by a
        // client with a bad token.
        let authorized = path.hasPrefix("/repos/") && authorized(headers["authorization"])
        let fault: Fault? = state.withLock { state in
            state.requests.append(Recorded(method: method, path: path, headers: headers, body: body, at: now()))
            guard authorized, !state.faults.isEmpty else { return nil }
            return state.faults.removeFirst()
        }
        switch fault {
        case .tooManyRequests(let seconds):
            return Self.json(429, #"{"message":"API rate limit exceeded","documentation_url":"https://docs.github.com/rest"}"#, ["retry-after": "\(seconds)"])
        case .rateLimited(let resetIn):
            let reset = Int(now().timeIntervalSince1970) + resetIn
            return Self.json(403, #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#,
                             ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "\(reset)"])
        case .serverError:
            return Self.json(500, #"{"message":"Server Error"}"#)
        case .slow(let delay):
            try await Task.sleep(for: delay)
        case .noAnswer:
            try await Task.sleep(for: .seconds(3600))
        case nil:
            break
        }
        return handle(method: method, path: path, headers: headers, body: body)
    }

    func violation(_ status: Int, _ text: String) -> Response {
        state.withLock { $0.violations.append(text) }
        return Self.json(status, #"{"message":"\#(text.replacingOccurrences(of: "\"", with: "'"))"}"#)
    }

    static func json(_ status: Int, _ body: String, _ extra: [String: String] = [:]) -> Response {
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        for (name, value) in extra { fields[HTTPField.Name(name)!] = value }
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
