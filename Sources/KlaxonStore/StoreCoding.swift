import Foundation
import KlaxonCore

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

    // The values written for every alert go through KlaxonCore's own JSON reader and writer,
    // which produce the same documents several times faster than Foundation's coders.

    static func encodeText(_ alert: AlertEvent, operation: StoreOperation) throws -> String {
        alert.jsonValue.serializedText()
    }

    static func encode(_ delivery: Delivery, operation: StoreOperation) throws -> Data {
        delivery.jsonValue.serialized()
    }

    static func encodeText(_ delivery: Delivery, operation: StoreOperation) throws -> String {
        delivery.jsonValue.serializedText()
    }

    static func encodeText(_ detail: [String: String], operation: StoreOperation) throws -> String {
        JSONValue.object(detail.mapValues(JSONValue.string)).serializedText()
    }

    static func encodeText(_ strings: [String], operation: StoreOperation) throws -> String {
        JSONValue.array(strings.map(JSONValue.string)).serializedText()
    }

    static func decode(_ type: AlertEvent.Type, fromText text: String, operation: StoreOperation) throws -> AlertEvent {
        do { return try AlertEvent(jsonData: Array(text.utf8)) } catch { throw StoreError.from(error, operation: operation) }
    }

    static func decode(_ type: Delivery.Type, from data: Data, operation: StoreOperation) throws -> Delivery {
        do { return try Delivery(jsonValue: JSONValue.parse(data)) } catch { throw StoreError.from(error, operation: operation) }
    }

    static func decode(_ type: Delivery.Type, fromText text: String, operation: StoreOperation) throws -> Delivery {
        do { return try Delivery(jsonValue: JSONValue.parse(Array(text.utf8))) } catch { throw StoreError.from(error, operation: operation) }
    }

    static func decode(_ type: [String: String].Type, fromText text: String, operation: StoreOperation) throws -> [String: String] {
        do {
            guard let object = try JSONValue.parse(Array(text.utf8)).objectValue else { return [:] }
            return object.compactMapValues(\.stringValue)
        } catch {
            throw StoreError.from(error, operation: operation)
        }
    }
}
