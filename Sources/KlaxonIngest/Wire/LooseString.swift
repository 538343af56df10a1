import KlaxonCore
/// A scalar that senders write either as a string or as a number/bool (Grafana's `orgId`,
/// legacy `ruleId`, Alertmanager v3's numeric `groupKey`), kept as text.
struct LooseString: Decodable, Sendable, Hashable {
    var value: String

    /// From an already parsed value; `nil` for arrays and objects.
    init?(json: JSONValue) {
        switch json {
        case .null: value = ""
        case .array, .object: return nil
        default: value = json.scalarText ?? ""
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self) {
            value = number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        } else if let flag = try? container.decode(Bool.self) {
            value = flag ? "true" : "false"
        } else if container.decodeNil() {
            value = ""
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a string or a number")
        }
    }
}
