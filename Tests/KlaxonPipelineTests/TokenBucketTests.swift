import Foundation
import KlaxonPipeline
import Testing

@Suite("Token bucket: pacing per destination with an injected time")
struct TokenBucketTests {
    static let t0 = Date(timeIntervalSince1970: 1_000_000)

    /// (rate, times of the takes in seconds, expected grant per take: nil = granted, else wait until).
    static let cases: [(name: String, count: Int, per: Double, takes: [Double], expected: [Double?])] = [
        ("a full bucket allows a burst of count", 5, 2, [0, 0, 0, 0, 0], [nil, nil, nil, nil, nil]),
        ("the next one waits one refill interval", 5, 2, [0, 0, 0, 0, 0, 0], [nil, nil, nil, nil, nil, 0.4]),
        ("refills continuously", 5, 2, [0, 0, 0, 0, 0, 0.4, 0.5, 0.8], [nil, nil, nil, nil, nil, nil, 0.8, nil]),
        ("never more than capacity after idling", 2, 1, [0, 0, 100, 100, 100], [nil, nil, nil, nil, 100.5]),
        ("one per second", 1, 1, [0, 0.5, 1, 1.2], [nil, 1, nil, 2]),
        ("GitHub: 80 per minute", 80, 60, Array(repeating: 0, count: 81), Array(repeating: nil, count: 80) + [0.75]),
    ]

    @Test(arguments: cases.indices)
    func grants(_ index: Int) {
        let row = Self.cases[index]
        var bucket = TokenBucket(rate: SendRate(count: row.count, per: .milliseconds(Int64(row.per * 1000))), now: Self.t0)
        for (take, expected) in zip(row.takes, row.expected) {
            let grant = bucket.take(now: Self.t0.addingTimeInterval(take))
            switch (grant, expected) {
            case (.granted, nil):
                break
            case (.wait(let until), let expected?):
                #expect(abs(until.timeIntervalSince(Self.t0) - expected) < 1e-6, "\(row.name): take at \(take)")
            default:
                Issue.record("\(row.name): take at \(take) gave \(grant), expected \(String(describing: expected))")
            }
        }
    }
}
