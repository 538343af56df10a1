import Foundation

/// Codable decoding with errors turned into ``DecodeError``s that name the field path.
enum WireDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws(DecodeError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw describe(error, data: data, what: what)
        } catch {
            throw DecodeError(.malformedJSON, "\(what): not valid JSON")
        }
    }

    static func describe(_ error: DecodingError, data: Data, what: String) -> DecodeError {
        switch error {
        case .typeMismatch(let expected, let context):
            return DecodeError(.invalidField, "\(path(context.codingPath, what)): expected \(typeName(expected))")
        case .valueNotFound(let expected, let context):
            return DecodeError(.invalidField, "\(path(context.codingPath, what)): expected \(typeName(expected)), got null")
        case .keyNotFound(let key, let context):
            return DecodeError(.missingField, "\(path(context.codingPath + [key], what)): is required")
        case .dataCorrupted(let context):
            if let syntax = JSONSyntax.check(data) {
                return DecodeError(.malformedJSON, "\(what) is not valid JSON: \(syntax)")
            }
            return DecodeError(.invalidField, "\(path(context.codingPath, what)): \(context.debugDescription)")
        @unknown default:
            return DecodeError(.unrecognizedPayload, "\(what): could not be decoded")
        }
    }

    /// `alerts[0].labels.team`; the payload name when the path is empty.
    static func path(_ codingPath: [any CodingKey], _ what: String) -> String {
        guard !codingPath.isEmpty else { return what }
        var out = ""
        for key in codingPath {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                if !out.isEmpty { out += "." }
                out += key.stringValue
            }
        }
        return out
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Double.Type: return "a number"
        case is Bool.Type: return "a boolean"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a value of another type"
        }
    }
}
