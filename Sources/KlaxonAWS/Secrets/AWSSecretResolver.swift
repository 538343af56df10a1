import Foundation
import KlaxonCore
import Logging

/// Fetches secrets given by ARN from Secrets Manager (`GetSecretValue`) or SSM Parameter Store
/// (`GetParameter` with `WithDecryption=true`) and keeps each value for `ttl`.
///
/// - Lazily: nothing is fetched until a secret is first used.
/// - Within the TTL a use is served from memory, without calling AWS; after it the next use
///   fetches again, so a rotated secret is seen within one TTL.
/// - If a fetch fails after the value had been fetched once, the last good value is served and
///   the fetch is tried again after ``retryDelay`` (or the TTL, if shorter): a brief AWS outage
///   does not stop deliveries. With no earlier value the error is thrown.
/// - Concurrent uses of one ARN share one fetch.
///
/// Values are kept only in this actor's memory; neither they nor anything derived from them is
/// logged. See docs/adr/0053-secrets-by-arn-resolved-at-use.md.
package actor AWSSecretResolver: SecretResolver {
    /// One fetch from AWS; injectable so tests can count calls around the real one.
    package typealias Fetch = @Sendable (SecretReference) async throws(SecretFetchError) -> String

    /// How soon a failed refetch is tried again while the last good value is served.
    package static let retryDelay: Duration = .seconds(30)

    private struct Entry {
        var value: String
        var freshUntil: Date
    }

    private let ttl: Duration
    private let clock: any WallClock
    private let fetch: Fetch
    private let logger: Logger
    private var entries: [String: Entry] = [:]
    private var inFlight: [String: Task<Result<String, SecretFetchError>, Never>] = [:]
    /// How many fetches were made (each a call to AWS with the real fetch).
    package private(set) var fetches = 0

    package init(ttl: Duration, clock: any WallClock, logger: Logger = Logger(label: "klaxon.secrets"), fetch: @escaping Fetch) {
        self.ttl = ttl
        self.clock = clock
        self.fetch = fetch
        self.logger = logger
    }

    /// Fetching through `clients(region)`: the AWS client for the ARN's region.
    package init(
        ttl: Duration, clock: any WallClock, logger: Logger = Logger(label: "klaxon.secrets"),
        clients: @escaping @Sendable (String) -> AWSClient?
    ) {
        self.init(ttl: ttl, clock: clock, logger: logger, fetch: Self.fetcher(clients: clients))
    }

    package func value(for reference: SecretReference) async throws(SecretFetchError) -> String {
        let key = reference.arn
        if let entry = entries[key], clock.now() < entry.freshUntil { return entry.value }
        let task: Task<Result<String, SecretFetchError>, Never>
        if let running = inFlight[key] {
            task = running
        } else {
            let fetch = self.fetch
            task = Task {
                do throws(SecretFetchError) {
                    return .success(try await fetch(reference))
                } catch {
                    return .failure(error)
                }
            }
            inFlight[key] = task
            fetches += 1
        }
        let result = await task.value
        if inFlight[key] == task { inFlight[key] = nil }
        let now = clock.now()
        switch result {
        case .success(let value):
            entries[key] = Entry(value: value, freshUntil: now.addingTimeInterval(Self.seconds(ttl)))
            return value
        case .failure(let error):
            guard var stale = entries[key] else { throw error }
            stale.freshUntil = now.addingTimeInterval(Self.seconds(min(ttl, Self.retryDelay)))
            entries[key] = stale
            logger.warning("secret refetch failed; serving the last good value", metadata: [
                "step": "secret_refetch_failed", "kind": "\(reference.kind.rawValue)", "arn": "\(reference.arn)", "reason": "\(error.reason.rawValue)",
            ])
            return stale.value
        }
    }

    /// The real fetch: Secrets Manager or SSM through the region's client.
    package static func fetcher(clients: @escaping @Sendable (String) -> AWSClient?) -> Fetch {
        { reference throws(SecretFetchError) in
            guard let client = clients(reference.region) else { throw SecretFetchError(.noResolver, reference: reference) }
            let text: String?
            do {
                switch reference.kind {
                case .secretsManager:
                    let secret = try await SecretsManagerClient(client: client).getSecretValue(secretID: reference.resourceID, versionStage: reference.versionStage)
                    text = secret.secretString
                case .ssmParameter:
                    text = try await SSMClient(client: client).getParameter(name: reference.resourceID, withDecryption: true).value
                }
            } catch {
                throw SecretFetchError(reason(for: error), reference: reference)
            }
            guard let text, !text.isEmpty else { throw SecretFetchError(.notText, reference: reference) }
            guard let jsonKey = reference.jsonKey else { return text }
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let value = object[jsonKey] as? String, !value.isEmpty
            else { throw SecretFetchError(.missingJSONKey, reference: reference) }
            return value
        }
    }

    /// A bounded reason for an AWS failure (its message is not kept: it could quote the request).
    static func reason(for error: any Error) -> SecretFetchError.Reason {
        guard let error = error as? AWSError else { return .unavailable }
        switch error.code ?? "" {
        case "ResourceNotFoundException", "ParameterNotFound", "ParameterVersionNotFound":
            return .notFound
        case "AccessDeniedException", "AccessDenied", "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch",
             "DecryptionFailure", "KMSAccessDeniedException", "KMSDisabledException", "KMSInvalidStateException", "ExpiredTokenException":
            return .accessDenied
        default:
            // 403 is AWS's answer to an unknown key or a denied call (InvalidClientTokenId, …).
            return error.reason == .credentials || error.statusCode == 403 ? .accessDenied : .unavailable
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
