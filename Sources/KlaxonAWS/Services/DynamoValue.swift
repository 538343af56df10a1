/// A DynamoDB attribute value in its wire form (`{"S": "x"}`, `{"N": "1"}`, …).
///
/// Numbers stay strings, as DynamoDB sends them, so no precision is lost.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
package indirect enum DynamoValue: Sendable, Equatable, Codable {
    case string(String)
    case number(String)
    /// Base64, as the wire carries it.
    case binary(String)
    case bool(Bool)
    case null
    case list([DynamoValue])
    case map([String: DynamoValue])
    case stringSet([String])
    case numberSet([String])

    /// A number attribute from an Int.
    package static func integer(_ value: Int) -> DynamoValue { .number(String(value)) }

    private enum Key: String, CodingKey { case S, N, B, BOOL, NULL, L, M, SS, NS }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "an attribute value with no type"))
        }
        switch key {
        case .S: self = .string(try container.decode(String.self, forKey: key))
        case .N: self = .number(try container.decode(String.self, forKey: key))
        case .B: self = .binary(try container.decode(String.self, forKey: key))
        case .BOOL: self = .bool(try container.decode(Bool.self, forKey: key))
        case .NULL: self = .null
        case .L: self = .list(try container.decode([DynamoValue].self, forKey: key))
        case .M: self = .map(try container.decode([String: DynamoValue].self, forKey: key))
        case .SS: self = .stringSet(try container.decode([String].self, forKey: key))
        case .NS: self = .numberSet(try container.decode([String].self, forKey: key))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .string(let value): try container.encode(value, forKey: .S)
        case .number(let value): try container.encode(value, forKey: .N)
        case .binary(let value): try container.encode(value, forKey: .B)
        case .bool(let value): try container.encode(value, forKey: .BOOL)
        case .null: try container.encode(true, forKey: .NULL)
        case .list(let value): try container.encode(value, forKey: .L)
        case .map(let value): try container.encode(value, forKey: .M)
        case .stringSet(let value): try container.encode(value, forKey: .SS)
        case .numberSet(let value): try container.encode(value, forKey: .NS)
        }
    }

    /// The string of `.string`, else nil.
    package var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number of `.number` as an Int, else nil.
    package var intValue: Int? {
        if case .number(let value) = self { return Int(value) }
        return nil
    }
}

/// An item: attribute name → value.
package typealias DynamoItem = [String: DynamoValue]
