import Foundation
import KlaxonAWS
import KlaxonCore
import KlaxonTesting
import Synchronization
import Testing

/// Secrets by ARN against moto with signature checking on: Secrets Manager and SSM SecureString
/// values, the TTL cache (calls to AWS counted around the real fetch, time from a manual clock),
/// rotation, the last good value when a refetch fails, and clear errors that name the ARN's kind
/// and key path but never a value.
@Suite("Secrets by ARN: AWSSecretResolver against moto")
struct SecretResolverTests {
    /// Counts the calls the real fetch makes to moto.
    final class FetchCounter: Sendable {
        private let count = Mutex(0)
        var calls: Int { count.withLock { $0 } }

        func counting(_ real: @escaping AWSSecretResolver.Fetch) -> AWSSecretResolver.Fetch {
            { reference throws(SecretFetchError) in
                self.count.withLock { $0 += 1 }
                return try await real(reference)
            }
        }
    }

    struct Rig {
        let moto: MotoServer
        let clock = ManualClock()
        let counter = FetchCounter()
        let resolver: AWSSecretResolver

        init(ttl: Duration = .seconds(300)) async throws {
            let moto = try await MotoServer.shared()
            self.moto = moto
            resolver = AWSSecretResolver(ttl: ttl, clock: clock, fetch: counter.counting(AWSSecretResolver.fetcher { region in moto.client(region: region) }))
        }

        func secret(_ arn: String, at path: String = "receivers[0].webhook.url") throws -> Secret {
            Secret(reference: try SecretReference(parsing: arn), keyPath: path).resolving(with: resolver)
        }
    }

    static func ssmARN(_ name: String) -> String { "arn:aws:ssm:us-east-1:123456789012:parameter\(name)" }
    static func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8))" }

    @Test("a Secrets Manager secret and an SSM SecureString put into moto resolve to their values")
    func resolvesBothKinds() async throws {
        let rig = try await Rig()
        let arn = try await SecretsManagerClient(client: rig.moto.client()).createSecret(name: Self.unique("klaxon/hook"), secretString: "http://127.0.0.1:1/hook-s3cr3t")
        let name = "/klaxon/" + Self.unique("token")
        try await SSMClient(client: rig.moto.client()).putParameter(name: name, value: "xoxb-ssm-s3cr3t", type: "SecureString")
        #expect(try await rig.secret(arn).resolve() == "http://127.0.0.1:1/hook-s3cr3t")
        #expect(try await rig.secret(Self.ssmARN(name)).resolve() == "xoxb-ssm-s3cr3t")
        #expect(rig.counter.calls == 2)
    }

    @Test("a JSON key after the secret's ARN takes that key of the secret's JSON object (ECS's convention)")
    func jsonKey() async throws {
        let rig = try await Rig()
        let arn = try await SecretsManagerClient(client: rig.moto.client())
            .createSecret(name: Self.unique("klaxon/json"), secretString: #"{"url":"http://127.0.0.1:2/x","hmac":"k3y"}"#)
        #expect(try await rig.secret(arn + ":hmac::").resolve() == "k3y")
        #expect(try await rig.secret(arn + ":url").resolve() == "http://127.0.0.1:2/x")
        let error = await #expect(throws: SecretFetchError.self) { try await rig.secret(arn + ":missing::").resolve() }
        #expect(error?.reason == .missingJSONKey)
    }

    @Test("within the TTL a second use does not call AWS; after it the rotated value is fetched")
    func cacheThenRotation() async throws {
        let rig = try await Rig(ttl: .seconds(300))
        let secrets = SecretsManagerClient(client: rig.moto.client())
        let arn = try await secrets.createSecret(name: Self.unique("klaxon/rotating"), secretString: "first-s3cr3t")
        let secret = try rig.secret(arn)
        #expect(try await secret.resolve() == "first-s3cr3t")
        #expect(rig.counter.calls == 1)
        try await secrets.putSecretValue(secretID: arn, secretString: "second-s3cr3t")
        rig.clock.advance(by: 299)
        #expect(try await secret.resolve() == "first-s3cr3t")
        #expect(rig.counter.calls == 1, "a use within the TTL must be served from the cache")
        rig.clock.advance(by: 2)
        #expect(try await secret.resolve() == "second-s3cr3t")
        #expect(rig.counter.calls == 2)
        #expect(await rig.resolver.fetches == 2)
    }

    @Test("concurrent first uses of one ARN share one fetch")
    func concurrentUsesShareAFetch() async throws {
        let rig = try await Rig()
        let name = "/klaxon/" + Self.unique("shared")
        try await SSMClient(client: rig.moto.client()).putParameter(name: name, value: "shared-s3cr3t", type: "SecureString")
        let secret = try rig.secret(Self.ssmARN(name))
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await secret.resolve() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values == Array(repeating: "shared-s3cr3t", count: 8))
        #expect(rig.counter.calls == 1)
    }

    @Test("a refetch that fails after expiry serves the last good value, and is tried again later")
    func lastGoodValueOnFailure() async throws {
        let rig = try await Rig(ttl: .seconds(60))
        let ssm = SSMClient(client: rig.moto.client())
        let name = "/klaxon/" + Self.unique("deleted")
        try await ssm.putParameter(name: name, value: "kept-s3cr3t", type: "SecureString")
        let secret = try rig.secret(Self.ssmARN(name))
        #expect(try await secret.resolve() == "kept-s3cr3t")
        try await ssm.deleteParameter(name: name)
        rig.clock.advance(by: 61)
        #expect(try await secret.resolve() == "kept-s3cr3t")
        #expect(rig.counter.calls == 2, "the expired value was refetched (and that failed)")
        // The failed refetch is retried after the retry delay (30 s), not on every use.
        rig.clock.advance(by: 10)
        #expect(try await secret.resolve() == "kept-s3cr3t")
        #expect(rig.counter.calls == 2)
        try await ssm.putParameter(name: name, value: "restored-s3cr3t", type: "SecureString")
        rig.clock.advance(by: 21)
        #expect(try await secret.resolve() == "restored-s3cr3t")
        #expect(rig.counter.calls == 3)
    }

    @Test("a missing secret is a clear error naming its kind, ARN and key path, never a value", arguments: [
        ("secretsmanager", "Secrets Manager secret"),
        ("ssm", "SSM parameter"),
    ])
    func missingSecret(kind: String, displayName: String) async throws {
        let rig = try await Rig()
        let arn = kind == "ssm"
            ? Self.ssmARN("/klaxon/" + Self.unique("missing"))
            : "arn:aws:secretsmanager:us-east-1:123456789012:secret:\(Self.unique("klaxon/missing"))-AbCdEf"
        let error = await #expect(throws: SecretFetchError.self) { try await rig.secret(arn, at: "receivers[2].slack.bot_token").resolve() }
        #expect(error?.reason == .notFound)
        let text = error?.description ?? ""
        #expect(text.contains(displayName))
        #expect(text.contains(arn))
        #expect(text.contains("receivers[2].slack.bot_token"))
        #expect(text.contains("does not exist"))
    }

    @Test("a request moto refuses (an unknown access key) is reported as access denied")
    func refusedCredentials() async throws {
        let moto = try await MotoServer.shared()
        let stranger = AWSCredentials(accessKeyID: "AKIAUNKNOWN000000000", secretAccessKey: "not-a-real-key")
        let resolver = AWSSecretResolver(ttl: .seconds(300), clock: ManualClock(), fetch: AWSSecretResolver.fetcher { region in
            moto.client(credentials: stranger, region: region)
        })
        let name = "/klaxon/" + Self.unique("guarded")
        try await SSMClient(client: moto.client()).putParameter(name: name, value: "guarded-s3cr3t", type: "SecureString")
        let secret = Secret(reference: try SecretReference(parsing: Self.ssmARN(name)), keyPath: "server.auth.tokens[0]").resolving(with: resolver)
        let error = await #expect(throws: SecretFetchError.self) { try await secret.resolve() }
        #expect(error?.reason == .accessDenied)
        #expect(error?.description.contains("guarded-s3cr3t") == false)
    }

    @Test("a reference with no resolver says AWS is not configured")
    func noResolver() async throws {
        let secret = Secret(reference: try SecretReference(parsing: Self.ssmARN("/x")), keyPath: "receivers[0].teams.webhook_url")
        let error = await #expect(throws: SecretFetchError.self) { try await secret.resolve() }
        #expect(error?.reason == .noResolver)
        #expect(error?.description.contains("receivers[0].teams.webhook_url") == true)
    }
}
