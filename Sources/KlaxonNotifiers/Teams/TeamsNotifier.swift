import AsyncHTTPClient
import Foundation
import KlaxonCore
import KlaxonPipeline

/// Posts an Adaptive Card to a Microsoft Teams incoming webhook or Workflows URL.
///
/// 2xx → ok (incoming webhooks answer 200 `1`, Workflows 202); 429 honours `Retry-After`; 5xx →
/// retryable; other 4xx → permanent. The URL (it carries a signature) is never in a reason. It is a
/// ``Secret`` resolved at each send; one given by ARN that cannot be fetched makes it retryable.
package struct TeamsNotifier: Notifier {
    package let name: String
    private let url: Secret
    private let builder: TeamsCardBuilder
    private let exchange: HTTPExchange
    private let clock: any WallClock

    /// With the URL given as text.
    package init(name: String, url: String, builder: TeamsCardBuilder, client: HTTPClient, timeout: Duration = .seconds(10), clock: any WallClock) {
        self.init(name: name, url: Secret(url), builder: builder, client: client, timeout: timeout, clock: clock)
    }

    package init(name: String, url: Secret, builder: TeamsCardBuilder, client: HTTPClient, timeout: Duration = .seconds(10), clock: any WallClock) {
        self.name = name
        self.url = url
        self.builder = builder
        self.exchange = HTTPExchange(client: client, timeout: timeout)
        self.clock = clock
    }

    package func send(_ delivery: Delivery) async -> DeliveryOutcome {
        let url: String
        do {
            url = try await self.url.resolve()
        } catch {
            return .retryable(after: nil, reason: error.description)
        }
        switch await exchange.send("POST", url: url, body: builder.body(for: delivery)) {
        case .failure(let failure):
            return .retryable(after: nil, reason: failure.reason)
        case .success(let answer):
            switch HTTPOutcome.classify(status: answer.status, retryAfter: answer.header("Retry-After"), now: clock.now()) {
            case .ok: return .ok
            case .retryable(let after, _): return .retryable(after: after, reason: answer.status == 429 ? "Teams 429 rate limited" : "Teams HTTP \(answer.status)")
            case .permanent: return .permanent(reason: "Teams HTTP \(answer.status)")
            }
        }
    }
}
