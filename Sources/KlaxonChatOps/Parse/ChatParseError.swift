/// A verified request whose body Klaxon cannot read. The edge answers 400; the reason is bounded.
package struct ChatParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: String, Sendable {
        case notJSON = "not_json"
        case missingField = "missing_field"
        case unsupportedType = "unsupported_type"
        case notForm = "not_form"
    }

    package let reason: Reason
    /// Which field, for the message (a field name, never a value).
    package let field: String?

    package init(_ reason: Reason, field: String? = nil) {
        self.reason = reason
        self.field = field
    }

    package var description: String {
        switch reason {
        case .notJSON: return "the body is not the expected JSON"
        case .missingField: return "the body has no \(field ?? "required field")"
        case .unsupportedType: return "this kind of interaction is not handled"
        case .notForm: return "the body is not form-encoded"
        }
    }
}
