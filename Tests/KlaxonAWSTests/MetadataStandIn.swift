import Foundation
import HTTPTypes
import Hummingbird
import KlaxonTesting
import NIOCore
import Synchronization

/// Local stand-ins on 127.0.0.1 for the two credential endpoints AWS runs next to workloads:
/// the container credentials endpoint (ECS, EKS Pod Identity, Lambda) and EC2's IMDSv2.
/// They behave as documented: the container endpoint demands the exact Authorization token;
/// IMDSv2 hands out a token only on `PUT /latest/api/token` with a TTL header, and refuses
/// metadata reads without that token (401), as an instance with IMDSv1 switched off does.
final class MetadataStandIn: Sendable {
    struct Issued: Sendable {
        var accessKeyID: String
        var expiration: Date
    }

    let authorizationToken: String
    let role = "klaxon-instance-role"
    private let state = Mutex<(issued: Int, imdsToken: String?, log: [String], lifetime: TimeInterval)>((0, nil, [], 3600))
    private let server = LoopbackServer()

    init(authorizationToken: String = "Bearer container-token-\(UUID().uuidString)") {
        self.authorizationToken = authorizationToken
    }

    var url: String { "http://127.0.0.1:\(server.port)" }
    /// Requests seen, as `METHOD path [token?]`, in order.
    var log: [String] { state.withLock { $0.log } }
    var issuedCount: Int { state.withLock { $0.issued } }

    /// How long the credentials handed out from now on live.
    func setLifetime(_ seconds: TimeInterval) { state.withLock { $0.lifetime = seconds } }

    private func credentialsBody() -> String {
        let (number, lifetime) = state.withLock { state -> (Int, TimeInterval) in
            state.issued += 1
            return (state.issued, state.lifetime)
        }
        let expiration = ISO8601DateFormatter().string(from: Date().addingTimeInterval(lifetime))
        return #"{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIASTANDIN\#(number)","SecretAccessKey":"standin-secret-\#(number)","Token":"standin-token-\#(number)","Expiration":"\#(expiration)","LastUpdated":"2026-12-01T00:00:00Z"}"#
    }

    func start() async throws {
        let router = Router()
        router.get("/container/credentials") { request, _ -> Response in
            let given = request.headers[.authorization]
            self.state.withLock { $0.log.append("GET /container/credentials \(given == nil ? "no-auth" : "auth")") }
            guard given == self.authorizationToken else { return Self.answer(.unauthorized, "") }
            return Self.answer(.ok, self.credentialsBody())
        }
        router.put("/latest/api/token") { request, _ -> Response in
            let ttl = request.headers[HTTPField.Name("X-aws-ec2-metadata-token-ttl-seconds")!]
            self.state.withLock { $0.log.append("PUT /latest/api/token ttl=\(ttl ?? "none")") }
            guard let ttl, let seconds = Int(ttl), (1...21600).contains(seconds) else { return Self.answer(.badRequest, "") }
            let token = "imds-token-\(UUID().uuidString)"
            self.state.withLock { $0.imdsToken = token }
            return Self.answer(.ok, token)
        }
        router.get("/latest/meta-data/iam/security-credentials/") { request, _ -> Response in
            guard self.tokenIsValid(request, "GET role-list") else { return Self.answer(.unauthorized, "") }
            return Self.answer(.ok, self.role)
        }
        router.get("/latest/meta-data/iam/security-credentials/{role}") { request, context -> Response in
            guard self.tokenIsValid(request, "GET role-credentials") else { return Self.answer(.unauthorized, "") }
            guard context.parameters.get("role") == self.role else { return Self.answer(.notFound, "") }
            return Self.answer(.ok, self.credentialsBody())
        }
        await server.start(router, label: "metadata-stand-in")
    }

    func stop() { server.stop() }

    private func tokenIsValid(_ request: Request, _ what: String) -> Bool {
        let given = request.headers[HTTPField.Name("X-aws-ec2-metadata-token")!]
        return state.withLock { state in
            state.log.append("\(what) \(given == nil ? "no-token" : "token")")
            return given != nil && given == state.imdsToken
        }
    }

    private static func answer(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
