import Foundation
import KlaxonCore
@testable import KlaxonIngest

/// Fixture loading and the fixed "now" the decoders are given.
enum Fixture {
    static let root: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(path))
    }

    /// The instant every table test decodes at.
    static let now = Timestamp.parse("2026-11-25T14:30:00Z")!

    static func decoder(_ options: DecodeOptions = DecodeOptions()) -> AlertDecoder {
        AlertDecoder(options: options, clock: FixedClock(date: now))
    }

    static func decode(_ path: String, kind: PayloadKind, options: DecodeOptions = DecodeOptions()) throws -> Result<DecodeResult, DecodeError> {
        let body = try data(path)
        do {
            return .success(try decoder(options).decode(body, kind: kind))
        } catch {
            return .failure(error)
        }
    }

    static func decode(json: String, kind: PayloadKind, options: DecodeOptions = DecodeOptions(), now: Date = Fixture.now) -> Result<DecodeResult, DecodeError> {
        do {
            return .success(try AlertDecoder(options: options).decode(Data(json.utf8), kind: kind, now: now))
        } catch {
            return .failure(error)
        }
    }
}

struct FixedClock: WallClock {
    var date: Date
    func now() -> Date { date }
}

extension Result {
    var value: Success? { if case .success(let v) = self { return v } else { return nil } }
    var error: Failure? { if case .failure(let e) = self { return e } else { return nil } }
}

/// The identity fields an alert sets, by JSON name.
func identityMap(_ alert: AlertEvent) -> [String: String] {
    Dictionary(uniqueKeysWithValues: alert.identity.presentFields.map { ($0.name, $0.value) })
}

/// `2019-02-15T23:53:45.093Z` (hand-converted to UTC from the fixture) → Date.
func utc(_ text: String) -> Date { Timestamp.parse(text)! }
