import Foundation
import KlaxonCore
import Testing
@testable import KlaxonIngest

@Suite("Every fixture decodes to the expected alerts")
struct FixtureDecodingTests {
    static let cases = FixtureCase.aws + FixtureCase.providers

    @Test("decode with the route's kind", arguments: cases)
    func decodeWithKind(_ fixture: FixtureCase) throws {
        let result = try Fixture.decode(fixture.path, kind: fixture.kind)
        switch fixture.outcome {
        case .alerts(let expected, let ignored, let kind):
            let decoded = try #require(result.value, "unexpected error: \(String(describing: result.error))")
            #expect(decoded.kind == kind)
            #expect(decoded.ignored.count == ignored)
            #expect(decoded.alerts.count == expected.count)
            for (index, pair) in zip(decoded.alerts, expected).enumerated() {
                check(pair.0, pair.1, "\(fixture.path)[\(index)]")
            }
        case .failure(let reason, let containing):
            let error = try #require(result.error, "expected \(reason), decoded \(String(describing: result.value?.alerts.count)) alerts")
            #expect(error.reason == reason)
            #expect(error.message.contains(containing), "message: \(error.message)")
        }
    }

    @Test("auto detection reaches the same decoder", arguments: cases.filter { $0.autoKind != nil })
    func autoDetection(_ fixture: FixtureCase) throws {
        let routed = try #require(try Fixture.decode(fixture.path, kind: fixture.kind).value)
        let detected = try Fixture.decode(fixture.path, kind: .auto)
        let decoded = try #require(detected.value, "auto failed: \(String(describing: detected.error))")
        #expect(decoded.kind == fixture.autoKind)
        #expect(decoded.alerts.map(\.fingerprint) == routed.alerts.map(\.fingerprint))
        #expect(decoded.ignored == routed.ignored)
    }

    @Test("produced alerts pass the schema v1 validator", arguments: cases)
    func producedAlertsAreValid(_ fixture: FixtureCase) throws {
        guard let decoded = try Fixture.decode(fixture.path, kind: fixture.kind).value else { return }
        for alert in decoded.alerts {
            let json = try JSONValue.parse(JSONEncoder().encode(alert))
            let report = NormalizedAlertValidator.validate(json)
            #expect(report.issues.isEmpty, "\(fixture.path): \(report.issues)")
        }
    }
}
