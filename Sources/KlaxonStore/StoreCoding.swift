import Foundation

/// The JSON forms the stores write: sorted keys (stable bytes), Foundation's default date
/// encoding (exact round trip), so a consumer decoding with a plain `JSONDecoder()` reads them.
enum StoreCoding {
    static func encode<T: Encodable>(_ value: T, operation: StoreOperation) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do { return try encoder.encode(value) } catch { throw StoreError.from(error, operation: operation) }
    }

    static func encodeText<T: Encodable>(_ value: T, operation: StoreOperation) throws -> String {
        String(decoding: try encode(value, operation: operation), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, operation: StoreOperation) throws -> T {
        do { return try JSONDecoder().decode(type, from: data) } catch { throw StoreError.from(error, operation: operation) }
    }

    static func decode<T: Decodable>(_ type: T.Type, fromText text: String, operation: StoreOperation) throws -> T {
        try decode(type, from: Data(text.utf8), operation: operation)
    }
}
