import Foundation
import Testing

/// Golden files: the exact bytes a notifier sends, kept under `Golden/` and compared byte for byte.
///
/// To (re)generate after a deliberate change: `KLAXON_UPDATE_GOLDEN=1 swift test --filter Golden`,
/// then review the diff of `Tests/KlaxonNotifiersTests/Golden/` before committing it.
enum Golden {
    static func check(_ body: Data, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["KLAXON_UPDATE_GOLDEN"] == "1" {
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")
            try body.write(to: folder.appendingPathComponent(name))
            return
        }
        let folder = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil), sourceLocation: sourceLocation)
        let expected = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path), "missing golden file \(name)", sourceLocation: sourceLocation)
        #expect(body == expected, "\(name) differs from its golden file:\n\(String(decoding: body, as: UTF8.self))", sourceLocation: sourceLocation)
    }

    static func fixture(_ name: String) throws -> Data {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path), "missing fixture \(name)")
    }
}
