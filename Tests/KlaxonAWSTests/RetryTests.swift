import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import KlaxonAWS
import KlaxonTesting
import NIOCore
import Synchronization
import Testing

/// A local endpoint answering awsJson calls from a script (status, body), to drive the retry
/// rules with real HTTP.
final class ScriptedEndpoint: Sendable {
    private let script: Mutex<[(Int, String)]>
    private let hits = Mutex(0)
    private let server = LoopbackServer()

    init(_ script: [(Int, String)]) { self.script = Mutex(script) }

    var url: String { "http://127.0.0.1:\(server.port)" }
    var count: Int { hits.withLock { $0 } }

    func start() async throws {
        let router = Router()
        router.post("/") { _, _ -> Response in
            self.hits.withLock { $0 += 1 }
            let (status, body) = self.script.withLock { $0.isEmpty ? (200, "{}") : $0.removeFirst() }
            return Response(status: .init(code: status), headers: [.contentType: "application/x-amz-json-1.1", HTTPField.Name("x-amzn-RequestId")!: "req-\(status)"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        await server.start(router, label: "scripted")
    }

    func stop() { server.stop() }
}

/// The waits the client asked for, recorded instead of slept.
final class DelayLog: Sendable {
    private let delays = Mutex<[Duration]>([])
    init() {}
    func append(_ delay: Duration) { delays.withLock { $0.append(delay) } }
    var all: [Duration] { delays.withLock { $0 } }
}

@Suite struct RetryTests {
    static func client(endpoint: String, delays: DelayLog, timeout: TimeAmount = .seconds(30)) -> AWSClient {
        AWSClient(
            settings: AWSSettings(region: "us-east-1", environment: ["AWS_ENDPOINT_URL": endpoint]),
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIATEST", secretAccessKey: "test-secret")),
            httpClient: .shared, retry: RetryStrategy(jitter: { 0.5 }), timeout: timeout,
            sleep: { delay in delays.append(delay) }
        )
    }

    @Test func throttlingAndServerErrorsAreRetriedWithBackoff() async throws {
        let endpoint = ScriptedEndpoint([
            (400, #"{"__type":"com.amazonaws.ssm#ThrottlingException","message":"Rate exceeded"}"#),
            (503, #"{"__type":"ServiceUnavailable","message":"try later"}"#),
            (200, #"{"Version": 3}"#),
        ])
        try await endpoint.start()
        defer { endpoint.stop() }
        let delays = DelayLog()
        let version = try await SSMClient(client: Self.client(endpoint: endpoint.url, delays: delays)).putParameter(name: "/x", value: "y")
        #expect(version == 3)
        #expect(endpoint.count == 3)
        // full jitter pinned at 0.5: 0.5 × 1 s, then 0.5 × 2 s.
        #expect(delays.all == [.milliseconds(500), .seconds(1)])
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let endpoint = ScriptedEndpoint([(400, #"{"__type":"ParameterNotFound","message":"no such parameter"}"#)])
        try await endpoint.start()
        defer { endpoint.stop() }
        let delays = DelayLog()
        let error = await #expect(throws: AWSError.self) {
            try await SSMClient(client: Self.client(endpoint: endpoint.url, delays: delays)).getParameter(name: "/x")
        }
        #expect(error?.code == "ParameterNotFound")
        #expect(error?.requestID == "req-400")
        #expect(endpoint.count == 1)
        #expect(delays.all.isEmpty)
    }

    @Test func attemptsStopAtThree() async throws {
        let throttled = (400, #"{"__type":"ThrottlingException","message":"slow down"}"#)
        let endpoint = ScriptedEndpoint([throttled, throttled, throttled, throttled])
        try await endpoint.start()
        defer { endpoint.stop() }
        let delays = DelayLog()
        let error = await #expect(throws: AWSError.self) {
            try await SSMClient(client: Self.client(endpoint: endpoint.url, delays: delays)).getParameter(name: "/x")
        }
        #expect(error?.isThrottling == true)
        #expect(endpoint.count == 3)
        #expect(delays.all.count == 2)
    }

    @Test func connectionFailuresAreRetried() async throws {
        let port = try freeLoopbackPort()
        let delays = DelayLog()
        let error = await #expect(throws: AWSError.self) {
            // AsyncHTTPClient keeps retrying a refused connect until the deadline: keep it short.
            try await SSMClient(client: Self.client(endpoint: "http://127.0.0.1:\(port)", delays: delays, timeout: .seconds(1))).getParameter(name: "/x")
        }
        #expect(error?.reason == .transport)
        #expect(delays.all.count == 2)
        #expect(error.map { "\($0)" }?.contains("test-secret") == false)
    }

    @Test func expiredTokensAreFetchedAgain() async throws {
        let endpoint = ScriptedEndpoint([(400, #"{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"#), (200, #"{"Version": 1}"#)])
        try await endpoint.start()
        defer { endpoint.stop() }
        let issued = Counter()
        let chain = CredentialChain([CountingProvider(counter: issued)])
        let client = AWSClient(settings: AWSSettings(region: "us-east-1", environment: ["AWS_ENDPOINT_URL": endpoint.url]), credentials: chain, httpClient: .shared, retry: .standard, sleep: { _ in })
        #expect(try await SSMClient(client: client).putParameter(name: "/x", value: "y") == 1)
        #expect(issued.value == 2)
        #expect(endpoint.count == 2)
    }

    @Test(arguments: ["ftp://127.0.0.1:21", "not a url", "http://"])
    func unusableEndpointsAreConfigurationErrors(_ endpoint: String) async throws {
        let delays = DelayLog()
        let error = await #expect(throws: AWSError.self) {
            try await SSMClient(client: Self.client(endpoint: endpoint, delays: delays)).getParameter(name: "/x")
        }
        #expect(error?.reason == .configuration)
        #expect(delays.all.isEmpty)
    }

    @Test(arguments: [(1, 1.0), (2, 2.0), (3, 4.0), (5, 16.0), (6, 20.0), (12, 20.0)])
    func backoffDoublesUpToTwentySeconds(_ attempt: Int, _ ceilingSeconds: Double) {
        let top = RetryStrategy(jitter: { 1.0 }).delay(afterAttempt: attempt)
        #expect(top == .milliseconds(Int(ceilingSeconds * 1000)))
        #expect(RetryStrategy(jitter: { 0 }).delay(afterAttempt: attempt) == .zero)
    }
}

final class Counter: Sendable {
    private let count = Mutex(0)
    init() {}
    func next() -> Int { count.withLock { $0 += 1; return $0 } }
    var value: Int { count.withLock { $0 } }
}

/// Hands out a new session each time it is asked, never expiring on its own.
struct CountingProvider: CredentialProvider {
    let counter: Counter
    func credentials() async throws -> AWSCredentials? {
        let number = counter.next()
        return AWSCredentials(accessKeyID: "ASIA\(number)", secretAccessKey: "s\(number)", sessionToken: "t\(number)", source: "counting")
    }
}
