import AsyncHTTPClient
import Foundation
import KlaxonAWS
import NIOCore
import Synchronization

/// moto (`moto_server`, from PyPI) on a free loopback port with signature checking on, and an
/// IAM user whose key pair the tests sign with.
///
/// moto checks SigV4 only once `INITIAL_NO_AUTH_ACTION_COUNT` requests have passed, and checks it
/// against access keys that exist in its own IAM. So the server starts with the count at 0, the
/// count is lifted to exactly 3 through `/moto-api/reset-auth` for the three IAM calls that create
/// the user, its key and an allow-all policy, and put back to 0: from then on every request must
/// carry a valid signature by that key (a wrong secret gets `SignatureDoesNotMatch`).
/// See moto's docs, "IAM-like Access Control".
package final class MotoServer: Sendable {
    package let port: Int
    package let accessKeyID: String
    package let secretAccessKey: String
    private let process: LocalProcess

    package var endpoint: String { "http://127.0.0.1:\(port)" }
    package var output: String { process.output }
    package var credentials: AWSCredentials { AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, source: "moto") }

    private init(port: Int, accessKeyID: String, secretAccessKey: String, process: LocalProcess) {
        self.port = port
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.process = process
    }

    private static let sharedServer = Mutex<Task<MotoServer, any Error>?>(nil)

    /// One moto for the whole test process, started on first use. Tests share it, so each uses
    /// its own resource names. It goes away with the test process (a watchdog shell kills it when
    /// its parent exits).
    package static func shared() async throws -> MotoServer {
        let task = sharedServer.withLock { current -> Task<MotoServer, any Error> in
            if let current { return current }
            let started = Task { try await MotoServer.start() }
            current = started
            return started
        }
        return try await task.value
    }

    /// Starts a separate moto; call `stop()` when done.
    package static func start() async throws -> MotoServer {
        guard let moto = executable("moto_server") else {
            throw MotoError("moto_server is not installed: run scripts/install-test-deps.sh")
        }
        let port = try freeLoopbackPort()
        let directory = try PackagePaths.temporaryDirectory("klaxon-moto")
        var environment = ProcessInfo.processInfo.environment
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"
        environment["MOTO_PORT"] = String(port)
        // The watchdog loop ends moto when the test process is gone, even after a crash.
        let script = "\"$0\" -H 127.0.0.1 -p \(port) & m=$!; trap 'kill $m 2>/dev/null' TERM INT; while kill -0 \(getpid()) 2>/dev/null && kill -0 $m 2>/dev/null; do sleep 1; done; kill $m 2>/dev/null; wait $m"
        let process = try LocalProcess(name: "moto", executable: "/bin/sh", arguments: ["-c", script, moto], environment: environment, directory: directory)
        let http = HTTPClient.shared
        let up = await eventually(timeout: 90, interval: 0.1) {
            guard process.isRunning else { return false }
            let response = try? await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/moto-api/data.json"), timeout: .seconds(2))
            return response?.status == .ok
        }
        guard up else {
            let output = process.output
            process.stop()
            throw MotoError("moto_server did not come up on port \(port):\n\(output)")
        }
        do {
            let (id, secret) = try await bootstrapIAM(port: port, http: http)
            return MotoServer(port: port, accessKeyID: id, secretAccessKey: secret, process: process)
        } catch {
            process.stop()
            throw error
        }
    }

    package func stop() { process.stop() }

    /// An `AWSClient` signing with this moto's user (or with `credentials`), every service
    /// pointed at moto through `AWS_ENDPOINT_URL`, as a deployment would configure it.
    package func client(credentials: AWSCredentials? = nil, retry: RetryStrategy = .none, region: String = "us-east-1") -> AWSClient {
        let settings = AWSSettings(region: region, environment: ["AWS_ENDPOINT_URL": endpoint])
        return AWSClient(settings: settings, credentials: StaticCredentialProvider(credentials ?? self.credentials), httpClient: HTTPClient.shared, retry: retry)
    }

    /// POSTs `body` to a moto-api path (`/moto-api/static/ce/cost-and-usage-results`, …).
    package func postAPI(_ path: String, json body: String) async throws {
        var request = HTTPClientRequest(url: "\(endpoint)\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        guard response.status == .ok || response.status == .created else {
            throw MotoError("moto-api \(path) answered \(response.status.code)")
        }
    }

    private static func bootstrapIAM(port: Int, http: HTTPClient) async throws -> (String, String) {
        try await resetAuth(port: port, count: 3, http: http)
        // While the count lasts moto does not look at the signature; it still reads the scope
        // to route the call, so the bootstrap calls are signed with a throwaway key.
        let settings = AWSSettings(region: "us-east-1", environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)"])
        let bootstrap = AWSClient(settings: settings, credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABOOTSTRAP0000000", secretAccessKey: "bootstrap")), httpClient: http, retry: .none)
        let user = "klaxon-tests"
        _ = try await bootstrap.query(.iam, "CreateUser", [("UserName", user)])
        let key = try await bootstrap.query(.iam, "CreateAccessKey", [("UserName", user)])
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        _ = try await bootstrap.query(.iam, "PutUserPolicy", [("UserName", user), ("PolicyName", "all"), ("PolicyDocument", policy)])
        try await resetAuth(port: port, count: 0, http: http)
        guard let id = key.first("AccessKeyId")?.text, let secret = key.first("SecretAccessKey")?.text else {
            throw MotoError("moto's CreateAccessKey answer has no key pair")
        }
        return (id, secret)
    }

    private static func resetAuth(port: Int, count: Int, http: HTTPClient) async throws {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/moto-api/reset-auth")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: String(count)))
        let response = try await http.execute(request, timeout: .seconds(10))
        guard response.status == .ok else { throw MotoError("moto reset-auth answered \(response.status.code)") }
    }

    private static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// moto could not be started or prepared.
package struct MotoError: Error, CustomStringConvertible {
    package var description: String
    init(_ description: String) { self.description = description }
}
