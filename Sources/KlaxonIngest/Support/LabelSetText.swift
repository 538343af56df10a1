/// A label set in Prometheus' text form, `{a="1",b="2"}`: names sorted by byte order, values
/// quoted with `\`, `"` and newline escaped. Used as the Alertmanager alert's stable identity
/// (`identity.alarm_id`), so the same labels give the same fingerprint however they arrived.
enum LabelSetText {
    static func render(_ labels: [String: String]) -> String {
        let names = labels.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var out = "{"
        for (index, name) in names.enumerated() {
            if index > 0 { out += "," }
            out += name
            out += "=\""
            for character in labels[name]!.unicodeScalars {
                switch character {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                default: out.unicodeScalars.append(character)
                }
            }
            out += "\""
        }
        out += "}"
        return out
    }
}
